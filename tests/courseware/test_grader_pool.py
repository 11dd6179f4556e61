"""Where pools of warm sandboxes live: one per Celery worker process, none in-process by default."""

import pytest
from celery.signals import worker_process_init, worker_process_shutdown
from django.core.management import call_command

import config.celery_app  # noqa: F401 (connects the worker signals)
from courseware import grader_adapter
from courseware.models import Submission
from grader import config, pool, warm
from tests.grader.conftest import TEST_UID_BASE


@pytest.fixture(autouse=True)
def _one_small_pool():
    """A pool of one NumPy sandbox, slot uids of the grader suite's, none left afterwards."""
    config.configure(GRADER_UID_BASE=TEST_UID_BASE, **{name: 0 for name in pool.SETS})
    config.configure(GRADER_POOL_NUMPY=1)
    pool.stop()
    yield
    pool.stop()
    grader_adapter.configure_grader()


def test_a_worker_child_starts_its_own_pool_and_stops_it_on_exit():
    worker_process_init.send(sender=None)
    started = pool.active()
    assert isinstance(started, pool.Pool)
    assert started.wait_full(60)
    box = started._warm[frozenset({"numpy"})][0]
    worker_process_shutdown.send(sender=None, pid=0, exitcode=0)
    assert pool.active() is None
    assert not box.alive()


def test_grading_in_process_keeps_no_pool_unless_asked(settings, fixture_content, enrolled):
    from tests.factories import SubmissionFactory

    learner, exercise = enrolled
    submission = SubmissionFactory(user=learner, exercise=exercise)
    settings.GRADING_IN_PROCESS, settings.GRADING_POOL_IN_PROCESS = True, False
    grader_adapter.grade(submission)
    assert pool.active() is None

    settings.GRADING_POOL_IN_PROCESS = True
    grader_adapter.grade(Submission.objects.get(pk=submission.pk))
    assert isinstance(pool.active(), pool.Pool)


def test_check_exercises_warm_grades_every_submission_warm(settings, capsys, monkeypatch):
    from tests.grader.conftest import FIXTURES

    settings.CONTENT_DIR = FIXTURES
    runs = []
    real = warm.WarmSandbox.run
    monkeypatch.setattr(
        warm.WarmSandbox,
        "run",
        lambda self, *a, **k: runs.append(self.libraries) or real(self, *a, **k),
    )
    call_command("check_exercises", "--warm", "--seeds", "2", "sum-list", "region-totals")
    out = capsys.readouterr().out
    assert "ok   sum-list" in out and "ok   region-totals" in out
    # The solution, the starter and three wrong solutions: sum-list has one (fixed) draw,
    # region-totals two.
    assert len(runs) == 5 * (1 + 2)
    assert pool.active() is None  # the command leaves no pool behind
