"""Celery tasks for courseware: thin and idempotent (STYLE.md). They take ids.

acks_late and reject_on_worker_lost are set for every task in settings
(CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST), so a task whose worker dies
is handed back to the broker rather than lost.

Grading's time limits are the worker's own. Celery copies a task's limits into each
message when it is sent, and a worker obeys the message's limits over its own, so a
sender with other settings (or any client that can reach the broker) could give a
grading task an hour. ``GradingRequest`` makes the worker apply the limits it loaded from
its own settings, whatever the message says.

While a grading task runs, this process's pool of warm sandboxes starts no replacement
(``grader.pool`` already holds its refill while the sandbox runs; the task holds it
until the result is stored, progress recomputed and the page told). A replacement is a
fresh interpreter importing the exercise's libraries, hundreds of milliseconds of CPU;
started the moment grading ends, it took a core from the steps that put the result on
the learner's screen (measured in ``bench/pipeline.py``). It starts a few milliseconds
later instead, and a pool that runs dry still means only a cold start.
"""

import contextlib

from celery import shared_task
from celery.worker.request import Request
from django.conf import settings
from django.db import InterfaceError, OperationalError

import grader
from grader import pool

from . import services


class GradingRequest(Request):
    """A task request that runs under the worker's time limits, never the message's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_limits = (self.task.time_limit, self.task.soft_time_limit)


@shared_task(
    bind=True,
    # Infrastructure faults are retried with backoff; a learner's error never raises,
    # and an author's broken exercise ends the submission as an error instead.
    autoretry_for=(grader.SandboxUnavailable, OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=settings.GRADING_SOFT_TIME_LIMIT,
    time_limit=settings.GRADING_HARD_TIME_LIMIT,
    Request=GradingRequest,
)
def grade_submission(self, submission_id: int) -> None:
    with _refills_held():
        services.submission_grade(submission_id=submission_id, worker=self.request.hostname or "")


def _refills_held():
    """Hold this process's pool refills (if it has a pool) for the length of a task."""
    active = pool.active()
    return active.paused() if active is not None else contextlib.nullcontext()


@shared_task
def sweep_submissions() -> int:
    return len(services.submission_sweep())
