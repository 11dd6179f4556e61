"""A real Celery worker enforces its own grading time limits, whatever the message says,
and reads a hostile frame in a judging process of its own without stalling.

Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), as the other real-worker tests do.
"""

from courseware.models import Submission
from courseware.tasks import grade_submission
from tests.courseware import test_worker as real
from tests.factories import ExerciseFactory
from tests.grader.conftest import TEST_UID_BASE
from tests.grader.test_hostile_results import COLLIDING, returning_forged

pytestmark = real.pytestmark
broker, worker = real.broker, real.worker  # the real-worker fixtures

# About ten seconds of CPU at import, well inside slow-add's 20 s, then a right answer.
SLOWER_SOLUTION = "total = sum(range(200_000_000))\n\n\ndef add(a, b):\n    return a + b\n"


def test_a_message_asking_for_longer_limits_gets_the_workers_own(worker, monkeypatch):
    monkeypatch.setenv("GRADING_SOFT_TIME_LIMIT", "1")
    monkeypatch.setenv("GRADING_HARD_TIME_LIMIT", "5")
    monkeypatch.setenv("GRADER_UID_BASE", str(TEST_UID_BASE))
    exercise = ExerciseFactory(source_path="courses/test-course/exercises/slow-add")
    learner = real._enrolled_learner(exercise)
    submission = Submission.objects.create(user=learner, exercise=exercise, code=SLOWER_SOLUTION)
    worker()
    grade_submission.apply_async(args=[submission.pk], time_limit=600, soft_time_limit=600)

    def handed_back():
        submission.refresh_from_db()
        return submission.deliveries >= 1 and submission.status == "queued"

    assert real._wait_until(handed_back, timeout=60), submission.status
    # Stopped by the worker's 1 s soft limit, long before the code could finish.
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.score is None


def test_a_frame_too_costly_to_read_fails_quickly_in_a_real_worker(worker, monkeypatch):
    # Over 64 KB, so the pool process forks a judging process for it.
    monkeypatch.setenv("GRADER_UID_BASE", str(TEST_UID_BASE))
    exercise = ExerciseFactory()
    learner = real._enrolled_learner(exercise)
    code = returning_forged({"$set": "ITEMS"}, entry="add", ITEMS=COLLIDING)
    submission = Submission.objects.create(user=learner, exercise=exercise, code=code)
    worker()
    grade_submission.delay(submission.pk)
    assert real._wait_until(real._finished(submission.pk), timeout=60)
    submission.refresh_from_db()
    assert (submission.status, submission.score) == ("failed", 0)
    assert "could not be read" in submission.feedback[0]["message"]
    assert submission.grading_ms < 20_000  # about 30 s per test before the codec's bounds
