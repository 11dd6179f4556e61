"""Results on screen at once (``courseware.live`` and the status endpoint): the page's
request for news waits until the submission changes, is woken by the service that
stored the result, answers "still queued" cleanly when nothing changed, reads the
database a bounded number of times, and shows nothing to anyone but the owner.

These tests use the in-process channel (``make run``); ``test_live_redis.py`` runs the
Redis one.
"""

import math
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import grader
from courseware import live, services
from courseware.models import Submission
from grader.schema import error_result
from tests.factories import ADD_SOLUTION, SubmissionFactory, UserFactory

# A server that can hold a request (runserver, gunicorn's threaded workers).
THREADED = {"wsgi.multithread": True}
HTMX = {"HX-Request": "true"}
STATUS_READ = 'SELECT "courseware_submission"."status" AS "status" FROM'


@pytest.fixture
def channel(monkeypatch):
    """A fresh in-process channel whose subscriptions record how each wait ended, say
    (``waiting``) when a request has read the status and begun to wait, and run
    ``on_first_wait`` then, if a test sets it."""
    chan = live.LocalChannel()
    chan.wait_results = []
    chan.wait_timeouts = []
    chan.waiting = threading.Event()
    chan.on_first_wait = None
    monkeypatch.setattr(live, "channel", lambda: chan)
    original = live.LocalSubscription.wait

    def recording_wait(self, timeout):
        chan.wait_timeouts.append(timeout)
        if not chan.waiting.is_set():
            chan.waiting.set()
            if chan.on_first_wait:
                chan.on_first_wait()
        announced = original(self, timeout)
        chan.wait_results.append(announced)
        return announced

    monkeypatch.setattr(live.LocalSubscription, "wait", recording_wait)
    return chan


@pytest.fixture
def fake_grade(monkeypatch):
    """The grader answers at once with a pass: these tests are about what follows."""

    def grade(exercise, code, *, visible_only=False, seed=None):
        result = error_result("")
        result.update(
            status="passed",
            score=2,
            max_score=2,
            error=None,
            tests=[
                {
                    "name": "small numbers",
                    "passed": True,
                    "points": 2,
                    "max_points": 2,
                    "visible": True,
                    "description": "",
                    "message": "Passed.",
                }
            ],
            output="",
        )
        return result

    monkeypatch.setattr(grader, "grade", grade)
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())


def status_url(submission, shown=None) -> str:
    url = f"{submission.exercise.get_absolute_url()}submissions/{submission.pk}/"
    return f"{url}?shown={shown}" if shown else url


def status_reads(queries) -> int:
    return sum(1 for query in queries if query["sql"].startswith(STATUS_READ))


def in_thread(target):
    """Run ``target`` in a thread with its own database connection, closed after."""
    errors = []

    def run():
        try:
            target()
        except Exception as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def when_listening(chan, submission, then):
    """Once a request listens on ``submission``'s channel and has read its status (so
    the two threads never use in-memory SQLite at once), call ``then``."""

    def watch():
        if not chan.waiting.wait(20):
            raise AssertionError("nobody started waiting")
        assert chan.listening(live.channel_name(submission.pk)) == 1
        then()

    return in_thread(watch)


# -- waiting and waking -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_service_that_stores_the_result_wakes_the_waiting_request(
    client, enrolled, channel, fake_grade, settings, queued, monkeypatch
):
    # Only an announcement can end this wait early: no recheck falls due within it.
    settings.LIVE_WAIT_SECONDS = 60
    settings.LIVE_RECHECK_SECONDS = 60
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    client.force_login(learner)
    # The service's announcements are delivered once it has finished, so the waiter's
    # read never meets the grader's write (in-memory SQLite locks whole tables).
    announce, held = live.submission_changed, []
    monkeypatch.setattr(live, "submission_changed", lambda **kwargs: held.append(kwargs))

    def grade_then_announce():
        services.submission_grade(submission_id=submission.pk)
        for kwargs in held:
            announce(**kwargs)

    thread, errors = when_listening(channel, submission, grade_then_announce)
    response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    thread.join(30)

    assert not errors
    assert [kwargs["status"] for kwargs in held] == ["running", "passed"]
    assert channel.wait_results == [True]  # woken by an announcement, not a check
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="passed"' in html and "2 / 2 points" in html
    assert "data-poll-url" not in html.split('id="attempt-history"')[0]


def test_an_announcement_that_never_comes_is_covered_by_the_database_check(
    client, enrolled, channel, settings
):
    """A change nobody announced (a bulk edit, a lost message) shows at the next check."""
    settings.LIVE_WAIT_SECONDS = 60
    settings.LIVE_RECHECK_SECONDS = 0.2
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, status="running")
    client.force_login(learner)
    # Stored silently once the request waits (in its own thread: no second connection).
    channel.on_first_wait = lambda: Submission.objects.filter(pk=submission.pk).update(
        status="failed", score=0, max_score=2
    )
    response = client.get(status_url(submission, "running"), headers=HTMX, **THREADED)

    assert response.status_code == 200 and 'data-status="failed"' in response.content.decode()
    assert channel.wait_results == [False]  # woken by its own check, not a message
    assert channel.wait_timeouts == [pytest.approx(0.2)]  # which fell due after 0.2 s


def test_a_result_stored_before_the_page_asks_comes_back_without_waiting(
    client, enrolled, channel, settings, monkeypatch
):
    settings.LIVE_WAIT_SECONDS = 60
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, passed=True)
    client.force_login(learner)
    response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="passed"' in html and "data-poll-url" not in html
    assert channel.wait_results == []  # it never waited


def test_nothing_changing_ends_in_a_clean_still_queued_with_bounded_reads(
    client, enrolled, channel, settings
):
    settings.LIVE_WAIT_SECONDS = 0.5
    settings.LIVE_RECHECK_SECONDS = 0.1
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 204 and response.content == b""
    assert response["X-Submission-Status"] == "queued"
    assert response["X-Live-Waited"] == "1"
    assert "no-cache" in response["Cache-Control"]
    # One read before waiting, then one per check: never more, however long it waits.
    reads = status_reads(queries.captured_queries)
    assert 2 <= reads <= 1 + math.ceil(0.5 / 0.1)
    assert channel.listening(live.channel_name(submission.pk)) == 0  # nothing left behind


def test_a_process_that_serves_one_request_at_a_time_never_waits(
    client, enrolled, channel, settings
):
    settings.LIVE_WAIT_SECONDS = 60
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    # The test client, like a gunicorn sync worker, says wsgi.multithread is false.
    response = client.get(status_url(submission, "queued"), headers=HTMX)
    assert response.status_code == 204 and response["X-Live-Waited"] == "0"
    assert channel.wait_results == []


def test_under_asgi_where_sync_views_share_one_thread_nothing_waits(enrolled, channel, settings):
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    settings.LIVE_WAIT_SECONDS = 60
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client = AsyncClient()
    client.force_login(learner)
    response = async_to_sync(client.get)(status_url(submission, "queued"), headers=HTMX)
    assert response.status_code == 204 and response["X-Live-Waited"] == "0"
    assert channel.wait_results == []


def test_beyond_the_cap_a_request_answers_at_once_and_the_page_backs_off(
    client, enrolled, channel, settings
):
    settings.LIVE_WAIT_SECONDS = 60
    settings.LIVE_MAX_WAITERS = 1
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    with channel.lease(1) as granted:  # someone else holds the only place
        assert granted
        response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 204 and response["X-Live-Waited"] == "0"
    assert channel.wait_results == []
    with channel.lease(1) as granted:  # and the place is free again afterwards
        assert granted


def test_one_learner_cannot_take_every_place_to_wait(client, enrolled, channel, settings):
    settings.LIVE_WAIT_SECONDS = 60
    settings.LIVE_MAX_WAITERS_PER_LEARNER = 1
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    with channel.lease(1, scope=f"learner:{learner.pk}"):  # their other tab waits
        response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 204 and response["X-Live-Waited"] == "0"
    assert channel.wait_results == []
    with channel.lease(8) as site_wide:  # the site's places were never touched
        assert site_wide


def test_a_finished_result_is_not_waited_on(client, enrolled, channel, settings):
    settings.LIVE_WAIT_SECONDS = 60
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, passed=True)
    client.force_login(learner)
    response = client.get(status_url(submission, "passed"), headers=HTMX, **THREADED)
    assert response.status_code == 204 and response["X-Live-Waited"] == "0"
    assert channel.wait_results == []


def test_an_unreachable_channel_answers_at_once_with_the_current_state(
    client, enrolled, settings, monkeypatch
):
    settings.LIVE_WAIT_SECONDS = 60
    unreachable = live.RedisChannel("redis://127.0.0.1:1/0")
    monkeypatch.setattr(live, "channel", lambda: unreachable)
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 204 and response["X-Live-Waited"] == "0"


def test_an_announcement_that_cannot_be_sent_never_fails_the_grade(
    enrolled, fake_grade, monkeypatch, queued, django_capture_on_commit_callbacks, caplog
):
    monkeypatch.setattr(live, "channel", lambda: live.RedisChannel("redis://127.0.0.1:1/0"))
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_grade(submission_id=submission.pk)
    assert Submission.objects.get(pk=submission.pk).status == "passed"
    assert "Could not announce submission" in caplog.text


# -- who may ask ------------------------------------------------------------------------


def test_only_the_owner_hears_about_a_submission(client, enrolled, channel, settings):
    settings.LIVE_WAIT_SECONDS = 60
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(UserFactory())
    response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 404
    assert channel.wait_results == []  # refused before any wait
    other_exercise = SubmissionFactory(user=learner).exercise
    client.force_login(learner)
    wrong_page = f"{other_exercise.get_absolute_url()}submissions/{submission.pk}/?shown=queued"
    assert client.get(wrong_page, headers=HTMX, **THREADED).status_code == 404


def test_a_signed_out_page_gets_the_sign_in_message_without_waiting(
    client, enrolled, channel, settings
):
    settings.LIVE_WAIT_SECONDS = 60
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    response = client.get(status_url(submission, "queued"), headers=HTMX, **THREADED)
    assert response.status_code == 401 and response["X-Session-Ended"] == "signed-out"
    assert channel.wait_results == []


def test_without_javascript_asking_leads_to_the_exercise_page(client, enrolled, channel):
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    response = client.get(status_url(submission, "queued"), **THREADED)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?submission={submission.pk}#result")
    assert channel.wait_results == []


def test_an_unknown_shown_state_gets_the_fragment_at_once(client, enrolled, channel):
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    client.force_login(learner)
    response = client.get(status_url(submission, "nonsense"), headers=HTMX, **THREADED)
    assert response.status_code == 200 and 'data-status="queued"' in response.content.decode()
    assert channel.wait_results == []


# -- announcements from the services --------------------------------------------------


def test_grading_announces_running_then_the_result_after_each_commit(
    enrolled, fake_grade, monkeypatch, queued, django_capture_on_commit_callbacks
):
    announced = []
    monkeypatch.setattr(
        live, "submission_changed", lambda *, submission_id, status: announced.append(status)
    )
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_grade(submission_id=submission.pk)
    assert announced == []  # nothing is announced before the rows are committed
    for callback in callbacks:
        callback()
    assert announced == ["running", "passed"]


def test_a_pass_is_announced_after_progress_so_the_page_can_say_the_course_is_done(
    enrolled, fake_grade, monkeypatch, queued, django_capture_on_commit_callbacks
):
    from enrollment.models import Enrollment
    from enrollment.services import module_complete

    learner, exercise = enrolled
    module_complete(user=learner, module=exercise.module)  # passing is all that is left
    seen = []
    monkeypatch.setattr(
        live,
        "submission_changed",
        lambda *, submission_id, status: seen.append(
            (status, Enrollment.objects.get(user=learner).completed_at is not None)
        ),
    )
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_grade(submission_id=submission.pk)
    # When the page hears "passed" the course is already complete, so the result it
    # fetches carries the "you have completed the course" notice.
    assert seen == [("running", False), ("passed", True)]


def test_a_failure_is_announced_before_progress_is_recomputed(
    enrolled, monkeypatch, queued, django_capture_on_commit_callbacks
):
    order = []
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    monkeypatch.setattr(grader, "grade", lambda exercise, code, **kwargs: error_result("It broke."))
    monkeypatch.setattr(
        live, "submission_changed", lambda *, submission_id, status: order.append(status)
    )
    monkeypatch.setattr(services, "progress_recompute", lambda **kwargs: order.append("progress"))
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_grade(submission_id=submission.pk)
    assert order == ["running", "error", "progress"]


def test_a_regrade_and_the_sweep_announce_the_submission_queued_again(
    enrolled, monkeypatch, queued, django_capture_on_commit_callbacks
):
    announced = []
    monkeypatch.setattr(
        live,
        "submission_changed",
        lambda *, submission_id, status: announced.append((submission_id, status)),
    )
    learner, exercise = enrolled
    graded = SubmissionFactory(user=learner, exercise=exercise, passed=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_regrade(submission=graded)
    assert announced == [(graded.pk, "queued")]

    stuck = SubmissionFactory(user=learner, exercise=exercise, status="running")
    Submission.objects.filter(pk=stuck.pk).update(started_at="2000-01-01T00:00:00Z")
    announced.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_sweep()
    assert (stuck.pk, "queued") in announced


def test_channels_are_named_per_database_and_submission():
    name = live.channel_name(7)
    assert name.endswith(":submission:7") and name != live.channel_name(8)
    assert name.startswith("coursesite:live:")


def test_the_local_channel_wakes_only_its_own_submissions_waiters():
    chan = live.LocalChannel()
    with chan.subscription("a") as mine, chan.subscription("b") as other:
        chan.publish("a", "passed")
        assert mine.wait(0) is True
        assert other.wait(0) is False
    assert chan.listening("a") == 0 and chan.listening("b") == 0
