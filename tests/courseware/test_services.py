"""Submissions: stored before queued, numbered, refused clearly, graded once, swept."""

from datetime import timedelta

import pytest
from django.utils import timezone

import grader
from courseware import grading
from courseware.models import Submission
from tests.courseware_fixtures import ADD_SOLUTION, ADD_WRONG

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """Record what would be sent to the broker instead of sending it."""
    sent = []
    monkeypatch.setattr(
        grading, "submission_enqueue", lambda *, submission_id: sent.append(submission_id) or True
    )
    return sent


@pytest.fixture
def fake_grade(monkeypatch):
    calls = []

    def grade(exercise, code, *, visible_only=False):
        calls.append({"code": code, "visible_only": visible_only})
        passed = "a + b" in code
        return {
            "status": "passed" if passed else "failed",
            "score": 2 if passed else 0,
            "max_score": 2,
            "tests": [{"name": "small numbers", "passed": passed, "points": 1, "message": ""}],
            "output": "hello\n",
        }

    monkeypatch.setattr(grader, "grade", grade)
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    return calls


def test_a_submission_is_stored_then_queued_after_commit(
    enrolled, queued, django_capture_on_commit_callbacks
):
    learner, exercise = enrolled
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
        assert Submission.objects.filter(pk=submission.pk, status="queued").exists()
        assert queued == []  # nothing is sent before the row is committed
    for callback in callbacks:
        callback()
    assert queued == [submission.pk]


def test_attempts_are_numbered_and_visible_runs_are_not_attempts(enrolled, queued):
    learner, exercise = enrolled
    first = grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    run = grading.submission_create(
        user=learner, exercise=exercise, code=ADD_WRONG, kind=Submission.Kind.RUN
    )
    second = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert (first.attempt, run.attempt, second.attempt) == (1, None, 2)


@pytest.mark.parametrize(
    ("code", "message"),
    [("   \n", "empty"), ("x = 1\n" * 20_000, "the limit is")],
)
def test_empty_and_oversized_code_are_refused_with_a_reason(enrolled, queued, code, message):
    learner, exercise = enrolled
    with pytest.raises(grading.SubmissionRefused, match=message):
        grading.submission_create(user=learner, exercise=exercise, code=code)
    assert not Submission.objects.exists()


def test_rate_limit_says_when_to_try_again(enrolled, queued, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    learner, exercise = enrolled
    grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    with pytest.raises(grading.RateLimited) as excinfo:
        grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert 1 <= excinfo.value.retry_after <= settings.SUBMISSION_RATE_WINDOW_SECONDS
    assert "try again in" in str(excinfo.value)
    assert Submission.objects.count() == 2


def test_grading_stores_the_result_and_is_idempotent(enrolled, queued, fake_grade):
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    graded = grading.submission_grade(submission_id=submission.pk, worker="w1@host")
    again = grading.submission_grade(submission_id=submission.pk, worker="w2@host")
    assert len(fake_grade) == 1
    assert graded.status == again.status == "passed"
    assert (again.score, again.max_score, again.worker, again.deliveries) == (2, 2, "w1@host", 1)
    assert again.output == "hello\n" and again.finished_at is not None


def test_visible_run_grades_visible_cases_only(enrolled, queued, fake_grade):
    learner, exercise = enrolled
    run = grading.submission_create(
        user=learner, exercise=exercise, code=ADD_SOLUTION, kind=Submission.Kind.RUN
    )
    grading.submission_grade(submission_id=run.pk)
    assert fake_grade[0]["visible_only"] is True


def test_grading_a_submission_updates_progress(
    enrolled, queued, fake_grade, django_capture_on_commit_callbacks
):
    from enrollment.models import Enrollment

    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with django_capture_on_commit_callbacks(execute=True):
        grading.submission_grade(submission_id=submission.pk)
    # One module (unread) + one exercise (now passed): half-way.
    assert Enrollment.objects.get(user=learner).progress_percent == 50


def test_a_worker_without_sandbox_hands_the_submission_back(
    enrolled, queued, monkeypatch, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)

    def no_sandbox(*args, **kwargs):
        raise grader.SandboxUnavailable("bubblewrap is not installed: apt-get install bubblewrap")

    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    monkeypatch.setattr(grader, "grade", no_sandbox)
    with pytest.raises(grader.SandboxUnavailable):
        grading.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.status == "queued"


def test_in_process_grading_without_sandbox_explains_what_is_missing(
    enrolled, queued, monkeypatch, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)

    def no_sandbox(*args, **kwargs):
        raise grader.SandboxUnavailable("bubblewrap is not installed: apt-get install bubblewrap")

    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    monkeypatch.setattr(grader, "grade", no_sandbox)
    graded = grading.submission_grade(submission_id=submission.pk)
    assert graded.status == "error"
    assert "apt-get install bubblewrap" in graded.error


def test_sweep_requeues_stale_queued_and_running_submissions(enrolled, queued):
    learner, exercise = enrolled
    stale_queued = grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    stale_running = grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    fresh = grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    done = grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    long_ago = timezone.now() - timedelta(hours=1)
    Submission.objects.filter(pk=stale_queued.pk).update(queued_at=long_ago)
    Submission.objects.filter(pk=stale_running.pk).update(status="running", started_at=long_ago)
    Submission.objects.filter(pk=done.pk).update(status="passed", queued_at=long_ago)
    queued.clear()

    swept = grading.submission_sweep()

    assert swept == sorted([stale_queued.pk, stale_running.pk])
    assert sorted(queued) == swept
    assert Submission.objects.get(pk=stale_running.pk).status == "queued"
    assert fresh.pk not in swept
    # Swept once, they are fresh again: the next sweep leaves them alone.
    queued.clear()
    assert grading.submission_sweep() == []


def test_broker_outage_leaves_the_submission_queued(enrolled, monkeypatch):
    from courseware import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.grade_submission, "apply_async", broker_down)
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert grading.submission_enqueue(submission_id=submission.pk) is False
    submission.refresh_from_db()
    assert submission.status == "queued"


def test_a_zero_threshold_sweeps_everything_unfinished(enrolled, queued):
    learner, exercise = enrolled
    submission = grading.submission_create(user=learner, exercise=exercise, code=ADD_WRONG)
    Submission.objects.filter(pk=submission.pk).update(
        status="running", started_at=timezone.now() - timedelta(seconds=1)
    )
    assert grading.submission_sweep(running_older_than=timedelta(0)) == [submission.pk]
