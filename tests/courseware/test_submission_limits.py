"""The submission limits hold under concurrency: the rate limit's count is atomic in the
cache (Redis in CI, REDIS_URL), and a learner can have only so many submissions waiting
to be graded (SUBMISSION_MAX_PENDING), checked under a lock on PostgreSQL."""

import threading
import time

import pytest
from django.db import connection

from courseware import services
from courseware.models import Submission
from tests.factories import ADD_SOLUTION, ADD_WRONG


@pytest.fixture
def not_sent(monkeypatch):
    """Keep submissions queued: nothing is sent to a broker or graded in-process."""
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)


def _at_once(count: int, action) -> list:
    """Run ``action`` in ``count`` threads released together; return what each returned
    or raised."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(index):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as exc:  # each outcome is checked by the test
            outcomes[index] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("round_", range(3))
def test_forty_concurrent_takes_let_exactly_the_limit_through(round_):
    outcomes = _at_once(
        40,
        lambda: services._rate_limit_take(4200 + round_, scope="submit", limit=10, window=60),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert outcomes.count(None) == 10
    assert all(1 <= retry_after <= 60 for retry_after in outcomes if retry_after is not None)


def test_the_window_resets_and_each_scope_and_learner_counts_alone():
    take = services._rate_limit_take
    assert [take(1, scope="submit", limit=2, window=1) for _ in range(3)][:2] == [None, None]
    assert take(1, scope="submit", limit=2, window=1) is not None
    assert take(1, scope="run", limit=2, window=1) is None
    assert take(2, scope="submit", limit=2, window=1) is None
    time.sleep(1.1)
    assert take(1, scope="submit", limit=2, window=1) is None


@pytest.mark.django_db
def test_a_learner_can_have_only_so_many_submissions_waiting(enrolled, not_sent, settings):
    settings.SUBMISSION_MAX_PENDING = 2
    learner, exercise = enrolled
    first = services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG, kind="run")
    with pytest.raises(services.TooManyPending) as refused:
        services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert refused.value.status_code == 429
    assert "2 submissions waiting to be graded" in str(refused.value)
    assert Submission.objects.count() == 2
    # A running one still waits; once one is graded there is room again.
    Submission.objects.filter(pk=first.pk).update(status=Submission.Status.RUNNING)
    with pytest.raises(services.TooManyPending):
        services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    Submission.objects.filter(pk=first.pk).update(status=Submission.Status.FAILED)
    services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert Submission.objects.count() == 3


@pytest.mark.django_db
def test_the_exercise_page_says_why_a_submission_waits(client, enrolled, not_sent, settings):
    settings.SUBMISSION_MAX_PENDING = 1
    learner, exercise = enrolled
    client.force_login(learner)
    url = exercise.get_absolute_url()
    assert client.post(url, {"code": ADD_WRONG}).status_code == 302
    response = client.post(url, {"code": ADD_SOLUTION})
    assert response.status_code == 429
    assert "1 submission waiting to be graded" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_queue_no_more_than_the_cap(enrolled, not_sent, settings):
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is tested against PostgreSQL (DATABASE_URL), as in CI")
    settings.SUBMISSION_MAX_PENDING = 3
    settings.SUBMISSION_RATE_LIMIT = 100
    learner, exercise = enrolled
    outcomes = _at_once(
        20,
        lambda: services.submission_create(user=learner, exercise=exercise, code=ADD_WRONG),
    )
    refused = [o for o in outcomes if isinstance(o, services.TooManyPending)]
    created = [o for o in outcomes if isinstance(o, Submission)]
    assert (len(created), len(refused)) == (3, 17), outcomes
    assert Submission.objects.filter(user=learner).count() == 3
    assert sorted(s.attempt for s in created) == [1, 2, 3]
