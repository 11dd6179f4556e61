"""Faults that must lose nothing, against a real Celery worker, Redis and PostgreSQL.

The worker is a separate process (``celery -A config worker``) that reads the same
test database, so these tests need PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), as
CI provides. They also run learner code in the real sandbox.
"""

import os
import signal
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from bench._support import celery_worker_start, process_stop
from config.celery_app import app
from courseware import services
from courseware.models import Submission
from enrollment.models import Enrollment
from tests.factories import (
    ADD_SLOW_SOLUTION,
    ADD_SOLUTION,
    FIXTURE_CONTENT,
    ExerciseFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), as in CI",
    ),
]


class Worker:
    """A real Celery worker in its own process group, on the test database."""

    def __init__(self, log_dir: Path):
        self.name = f"test-{uuid.uuid4().hex[:8]}"
        self.log_path = log_dir / f"{self.name}.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "Worker":
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "REDIS_URL": django_settings.REDIS_URL,
            "CONTENT_DIR": str(FIXTURE_CONTENT),
        }
        self.process = celery_worker_start(
            env=env, concurrency=2, name=self.name, log=self.log_path, timeout=timeout
        )
        return self

    def kill(self) -> None:
        """SIGKILL the whole worker (parent and pool), as an out-of-memory killer would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        process_stop(self.process)


@pytest.fixture
def broker(monkeypatch, settings, fixture_content):
    """Send tasks to the real broker, with nothing left over from earlier runs."""
    # Celery reads its configuration lazily, on first access. Patch app.conf before
    # overriding the Django setting, or that first read happens under the override and
    # False is what gets restored, leaving every later test without eager tasks.
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()
    yield app
    app.control.purge()


@pytest.fixture
def worker(broker, tmp_path):
    workers = []

    def start():
        started = Worker(tmp_path).start()
        workers.append(started)
        return started

    yield start
    for w in workers:
        w.stop()


def _wait_until(predicate, timeout=90.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def _finished(*ids):
    return lambda: (
        Submission.objects.filter(pk__in=ids, status__in=Submission.FINISHED).count() == len(ids)
    )


def _enrolled_learner(exercise):
    learner = UserFactory()
    Enrollment.objects.create(user=learner, course=exercise.course)
    return learner


def test_a_real_worker_grades_a_submission(worker):
    exercise = ExerciseFactory()
    learner = _enrolled_learner(exercise)
    worker()
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    assert _wait_until(_finished(submission.pk)), "the worker did not grade in time"
    submission.refresh_from_db()
    assert (submission.status, submission.score, submission.max_score) == ("passed", 2, 2)
    assert submission.worker.startswith("test-")
    # Progress is recomputed right after the result is committed.
    assert _wait_until(
        lambda: Enrollment.objects.get(user=learner).progress_percent == 50, timeout=10
    )


def test_worker_killed_mid_grading_loses_nothing(worker):
    exercise = ExerciseFactory(source_path="courses/test-course/exercises/slow-add")
    learner = _enrolled_learner(exercise)
    first = worker()
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SLOW_SOLUTION)
    assert _wait_until(
        lambda: Submission.objects.filter(pk=submission.pk, status="running").exists(),
        timeout=60,
        interval=0.02,
    ), "grading never started"
    first.kill()
    submission.refresh_from_db()
    assert submission.status == "running"

    worker()  # a worker starts again; the sweep hands it the orphaned submission
    call_command("sweep_submissions", "--running-older-than", "0")
    assert _wait_until(_finished(submission.pk)), "the submission was never graded"
    submission.refresh_from_db()
    assert (submission.status, submission.score, submission.attempt) == ("passed", 2, 1)
    assert submission.deliveries >= 2
    assert Submission.objects.filter(user=learner).count() == 1


def _point_broker_at(url):
    """Make this process's producers use another broker URL (for the outage test)."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


def test_redis_down_at_submission_is_stored_and_graded_later(worker, client):
    exercise = ExerciseFactory()
    learner = _enrolled_learner(exercise)
    worker()
    real_broker = app.conf.broker_url
    client.force_login(learner)
    _point_broker_at("redis://127.0.0.1:1/0")  # nothing listens there: the broker is "down"
    try:
        response = client.post(
            exercise.get_absolute_url(), {"action": "submit", "code": ADD_SOLUTION}
        )
    finally:
        _point_broker_at(real_broker)
    assert response.status_code == 302  # no error page
    submission = Submission.objects.get(user=learner)
    assert submission.status == "queued"
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for a grader" in page

    time.sleep(1)
    assert Submission.objects.get(pk=submission.pk).status == "queued"  # nothing was sent
    call_command("sweep_submissions", "--queued-older-than", "0")
    assert _wait_until(_finished(submission.pk))
    submission.refresh_from_db()
    assert (submission.status, submission.score) == ("passed", 2)


def test_the_same_task_delivered_twice_gives_one_result(worker):
    from courseware.tasks import grade_submission

    exercise = ExerciseFactory()
    learner = _enrolled_learner(exercise)
    submission = services.submission_create(user=learner, exercise=exercise, code=ADD_SOLUTION)
    grade_submission.apply_async(args=[submission.pk])  # a duplicate delivery
    worker()
    assert _wait_until(_finished(submission.pk))
    time.sleep(2)  # let the duplicate run too
    submission.refresh_from_db()
    finished_at = submission.finished_at
    assert (submission.status, submission.score, submission.attempt) == ("passed", 2, 1)
    assert Submission.objects.filter(user=learner).count() == 1
    time.sleep(1)
    submission.refresh_from_db()
    assert submission.finished_at == finished_at


def test_fifty_submissions_from_ten_learners_at_once(worker, settings):
    # Each learner queues five before the worker grades any: a load test, not the cap's.
    settings.SUBMISSION_MAX_PENDING = 5
    exercise = ExerciseFactory()
    learners = [_enrolled_learner(exercise) for _ in range(10)]
    worker()

    def submit(learner):
        from django.db import connection as thread_connection

        try:
            return [
                services.submission_create(
                    user=learner,
                    exercise=exercise,
                    code=f"# learner {learner.pk}\n{ADD_SOLUTION}",
                ).pk
                for _ in range(5)
            ]
        finally:
            thread_connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        ids = [pk for batch in pool.map(submit, learners) for pk in batch]
    assert len(ids) == 50
    assert _wait_until(_finished(*ids), timeout=180), "not every submission was graded"
    for learner in learners:
        mine = Submission.objects.filter(user=learner).order_by("attempt")
        assert [s.attempt for s in mine] == [1, 2, 3, 4, 5]
        assert all(s.status == "passed" and f"# learner {learner.pk}\n" in s.code for s in mine)
