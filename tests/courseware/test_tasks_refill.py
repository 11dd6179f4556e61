"""The grading task holds its process's pool refills until the result is on its way to
the learner: stored, progress recomputed, the page told."""

import contextlib

import pytest

import grader
from courseware import live, services, tasks
from grader import pool
from tests.factories import ADD_SOLUTION, SubmissionFactory

# Real commits, so the on-commit steps (progress, the announcement) run inside the task.
pytestmark = pytest.mark.django_db(transaction=True)


class CountingPool:
    """Stands in for this process's pool: only counts how deep its refills are held."""

    def __init__(self) -> None:
        self.held = 0

    @contextlib.contextmanager
    def paused(self):
        self.held += 1
        try:
            yield
        finally:
            self.held -= 1

    def stop(self) -> None:
        pass


@pytest.fixture
def counting_pool():
    pool.stop()
    fake = pool.start(CountingPool())
    yield fake
    pool.stop()


def test_refills_stay_held_until_the_result_is_stored_recomputed_and_announced(
    enrolled, counting_pool, passing_grade, monkeypatch
):
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, code=ADD_SOLUTION)
    seen = []
    announce, recompute = live.submission_changed, services.progress_recompute

    def announced(**kwargs):
        seen.append((f"announce {kwargs['status']}", counting_pool.held))
        announce(**kwargs)

    def recomputed(**kwargs):
        seen.append(("progress", counting_pool.held))
        return recompute(**kwargs)

    monkeypatch.setattr(live, "submission_changed", announced)
    monkeypatch.setattr(services, "progress_recompute", recomputed)

    tasks.grade_submission.apply(args=[submission.pk]).get()

    assert seen == [("announce running", 1), ("progress", 1), ("announce passed", 1)]
    assert counting_pool.held == 0  # and let go once the task is done
    submission.refresh_from_db()
    assert submission.status == "passed"


def test_a_process_without_a_pool_grades_as_before(enrolled, passing_grade):
    pool.stop()
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, code=ADD_SOLUTION)
    tasks.grade_submission.apply(args=[submission.pk]).get()
    submission.refresh_from_db()
    assert submission.status == "passed"


def test_refills_are_let_go_when_grading_fails(enrolled, counting_pool, monkeypatch):
    def unavailable(exercise, code, **kwargs):
        raise RuntimeError("the grader broke")

    monkeypatch.setattr(grader, "grade", unavailable)
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise, code=ADD_SOLUTION)
    with pytest.raises(RuntimeError):
        tasks.grade_submission.apply(args=[submission.pk]).get()
    assert counting_pool.held == 0
