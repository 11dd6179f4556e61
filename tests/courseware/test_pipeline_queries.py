"""What a submission costs the database on its way through the pipeline, query by query.

Exact counts, so a step that adds a query shows up here (``bench/pipeline.py`` measures
what each costs). Real commits: the on-commit steps run where they run in production.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courseware import services
from courseware.models import Submission
from tests.factories import ADD_SOLUTION

pytestmark = pytest.mark.django_db(transaction=True)


def statements(queries) -> list[str]:
    """The SQL sent, without the ``BEGIN`` and ``COMMIT`` SQLite logs (PostgreSQL logs neither)."""
    return [q["sql"] for q in queries if q["sql"] not in ("BEGIN", "COMMIT")]


@pytest.fixture
def not_sent(monkeypatch):
    from courseware import tasks

    sent = []
    monkeypatch.setattr(tasks.grade_submission, "apply_async", lambda *a, **k: sent.append(a))
    return sent


def test_storing_a_submission_takes_four_queries(enrolled, not_sent):
    learner, exercise = enrolled
    with CaptureQueriesContext(connection) as queries:
        submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    # Enrolled? The learner's row locked; what waits and the last attempt, in one; the row.
    assert len(statements(queries)) == 4, statements(queries)
    assert submission.attempt == 1
    assert len(not_sent) == 1  # queued after the commit


def test_the_count_and_the_numbering_still_hold_in_one_query(enrolled, not_sent, settings):
    learner, exercise = enrolled
    first = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    run = services.submission_create(
        user=learner, exercise=exercise, code=ADD_SOLUTION, kind=Submission.Kind.RUN
    )
    second = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert (first.attempt, run.attempt, second.attempt) == (1, None, 2)
    settings.SUBMISSION_MAX_PENDING = 3
    with pytest.raises(services.TooManyPending):
        services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    Submission.objects.filter(pk=first.pk).update(status=Submission.Status.PASSED)
    third = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert third.attempt == 3


def test_grading_a_submission_takes_its_two_steps_and_the_progress_recompute(
    enrolled, not_sent, passing_grade
):
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with CaptureQueriesContext(connection) as queries:
        services.submission_grade(submission_id=submission.pk, worker="w")
    sql = statements(queries)
    # "running": the row locked (with its exercise, in the same query) and marked.
    assert sql[0].startswith("SELECT") and 'JOIN "courseware_exercise"' in sql[0]
    assert sql[1].startswith('UPDATE "courseware_submission"')
    # The result: the row locked again, saved inside a savepoint, nothing lazily loaded.
    assert sql[2].startswith("SELECT")
    assert sql[3].startswith("SAVEPOINT") and sql[5].startswith("RELEASE SAVEPOINT")
    assert sql[4].startswith('UPDATE "courseware_submission"')
    # After the commit: progress (enrollment.services.progress_recompute, 8 queries).
    assert len(sql) == 6 + 8, sql
    assert Submission.objects.get(pk=submission.pk).status == "passed"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_grading_locks_the_submission_and_not_its_exercise(enrolled, not_sent, passing_grade):
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with CaptureQueriesContext(connection) as queries:
        services.submission_grade(submission_id=submission.pk, worker="w")
    assert statements(queries)[0].endswith('FOR UPDATE OF "courseware_submission"')
