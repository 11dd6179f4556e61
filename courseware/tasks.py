"""Celery tasks for courseware: thin and idempotent (STYLE.md). They take ids.

acks_late and reject_on_worker_lost are set for every task in settings
(CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST), so a task whose worker dies
is handed back to the broker rather than lost.

Grading's time limits are the worker's own. Celery copies a task's limits into each
message when it is sent, and a worker obeys the message's limits over its own, so a
sender with other settings (or any client that can reach the broker) could give a
grading task an hour. ``GradingRequest`` makes the worker apply the limits it loaded from
its own settings, whatever the message says.
"""

from celery import shared_task
from celery.worker.request import Request
from django.conf import settings
from django.db import InterfaceError, OperationalError

import grader

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
    services.submission_grade(submission_id=submission_id, worker=self.request.hostname or "")


@shared_task
def sweep_submissions() -> int:
    return len(services.submission_sweep())
