"""Results that cannot poison the queue: every stored result is strict JSON or an error,
and a submission whose grading never finishes is given up after GRADING_MAX_DELIVERIES.

These run on whichever database DATABASE_URL names (SQLite on a laptop, PostgreSQL in
CI): the two refuse a non-finite number in JSON in different ways.
"""

import json
import math
from datetime import timedelta

import pytest

import grader
from courseware import grader_adapter, services, tasks
from courseware.models import Submission
from grader import config
from grader.schema import error_result
from tests.factories import ADD_SOLUTION
from tests.grader.conftest import TEST_UID_BASE
from tests.grader.test_hostile_results import infinite_seconds

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_slots(monkeypatch):
    """Sandbox slot uids of this checkout's own (see tests/grader/conftest.py)."""
    monkeypatch.setitem(config._overrides, "GRADER_UID_BASE", TEST_UID_BASE)


def grading(monkeypatch, outcome):
    """Make the grader return ``outcome()`` (or raise it) and count the calls."""
    calls = []

    def grade(exercise, code, *, visible_only=False, seed=None):
        calls.append(code)
        value = outcome()
        if isinstance(value, BaseException):
            raise value
        return value

    monkeypatch.setattr(grader, "grade", grade)
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    return calls


def a_result(seconds):
    result = error_result("")
    result.update(
        status="failed",
        score=0,
        max_score=2,
        error=None,
        tests=[
            {
                "name": "small numbers",
                "passed": False,
                "points": 0,
                "max_points": 2,
                "visible": True,
                "description": "",
                "message": "Wrong answer.",
                "seconds": seconds,
            }
        ],
    )
    return result


def assert_stored_as_strict_json(submission):
    submission.refresh_from_db()
    assert submission.status == "error", submission.status
    assert submission.finished_at is not None
    json.dumps(submission.feedback, allow_nan=False)
    return submission


# --- item: a learner-controlled number ------------------------------------------------


def test_the_1e999_attack_is_stored_as_an_error_not_left_running(
    enrolled, queued, fixture_content, own_slots
):
    learner, exercise = enrolled
    code = infinite_seconds(entry="add", answer="args[0] + args[1]")
    submission = services.submission_create(user=learner, exercise=exercise, code=code)
    services.submission_grade(submission_id=submission.pk)
    submission = assert_stored_as_strict_json(submission)
    assert submission.score == 0
    assert "results channel" in submission.error


def test_the_1e999_attack_through_the_grading_task(enrolled, queued, fixture_content, own_slots):
    learner, exercise = enrolled
    code = infinite_seconds(entry="add", answer="args[0] + args[1]")
    submission = services.submission_create(user=learner, exercise=exercise, code=code)
    tasks.grade_submission.delay(submission.pk)  # eager in tests, as without REDIS_URL
    assert_stored_as_strict_json(submission)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, {1, 2}], ids=repr)
def test_a_result_that_cannot_be_stored_is_stored_as_an_error(
    enrolled, queued, monkeypatch, caplog, bad
):
    grading(monkeypatch, lambda: a_result(bad))
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with caplog.at_level("ERROR", logger="courseware.services"):
        services.submission_grade(submission_id=submission.pk)
    submission = assert_stored_as_strict_json(submission)
    assert submission.error == grader_adapter.UNSTORABLE
    assert (submission.score, submission.max_score, submission.feedback) == (0, 2, [])
    assert any("cannot be stored" in r.getMessage() for r in caplog.records)
    # Final: the sweep leaves it alone.
    Submission.objects.filter(pk=submission.pk).update(
        queued_at=submission.queued_at - timedelta(hours=1)
    )
    queued.clear()
    assert services.submission_sweep(queued_older_than=timedelta(0)) == []


def test_stored_feedback_never_holds_nan_whoever_writes_it(enrolled):
    learner, exercise = enrolled
    submission = Submission.objects.create(user=learner, exercise=exercise, code="x")
    submission.feedback = [{"seconds": math.nan}]
    with pytest.raises(ValueError):
        submission.save()


# --- item: a bounded number of deliveries ---------------------------------------------


def test_a_submission_whose_grading_keeps_failing_is_given_up_after_the_bound(
    enrolled, queued, monkeypatch, settings, caplog
):
    settings.GRADING_MAX_DELIVERIES = 3
    calls = grading(monkeypatch, lambda: RuntimeError("the worker's grading crashed"))
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            services.submission_grade(submission_id=submission.pk)
        services.submission_sweep(queued_older_than=timedelta(0))  # as beat would, later
    with caplog.at_level("ERROR", logger="courseware.services"):
        services.submission_grade(submission_id=submission.pk)
    assert len(calls) == 3  # the fourth delivery did not grade again
    submission = assert_stored_as_strict_json(submission)
    assert "stopped 3 times" in submission.error
    assert any("delivered 3 times without a result" in r.getMessage() for r in caplog.records)


def test_deliveries_lost_with_their_worker_count_towards_the_bound(
    enrolled, queued, monkeypatch, settings
):
    settings.GRADING_MAX_DELIVERIES = 2
    calls = grading(monkeypatch, lambda: a_result(0.1))
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    # Two workers took it and died mid-grading (an out-of-memory kill leaves no trace).
    Submission.objects.filter(pk=submission.pk).update(status="running", deliveries=2)
    services.submission_sweep(running_older_than=timedelta(0))
    services.submission_grade(submission_id=submission.pk)
    assert calls == []
    assert "stopped 2 times" in assert_stored_as_strict_json(submission).error


def test_hand_backs_when_no_sandbox_can_be_made_do_not_count(
    enrolled, queued, monkeypatch, settings
):
    settings.GRADING_MAX_DELIVERIES = 2
    settings.GRADING_IN_PROCESS = False
    sandbox = {"up": False}
    grading(
        monkeypatch,
        lambda: a_result(0.1) if sandbox["up"] else grader.SandboxUnavailable("no bwrap"),
    )
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    for _ in range(5):
        with pytest.raises(grader.SandboxUnavailable):
            services.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert (submission.status, submission.deliveries, submission.handed_back) == ("queued", 5, 5)
    sandbox["up"] = True
    services.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.status == "failed"


def test_a_regrade_starts_the_count_again(enrolled, queued, monkeypatch, settings):
    settings.GRADING_MAX_DELIVERIES = 1
    learner, exercise = enrolled
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    Submission.objects.filter(pk=submission.pk).update(status="queued", deliveries=1)
    services.submission_grade(submission_id=submission.pk)
    assert assert_stored_as_strict_json(submission).error.startswith("This submission could not")
    grading(monkeypatch, lambda: a_result(0.1))
    services.submission_regrade(submission=submission)
    services.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert (submission.status, submission.deliveries) == ("failed", 1)
