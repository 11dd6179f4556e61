"""Celery tasks for courseware: thin and idempotent (STYLE.md). They take ids.

acks_late and reject_on_worker_lost are set for every task in settings
(CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST), so a task whose worker dies
is handed back to the broker rather than lost.
"""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

import grader

from . import services


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
)
def grade_submission(self, submission_id: int) -> None:
    services.submission_grade(submission_id=submission_id, worker=self.request.hostname or "")


@shared_task
def sweep_submissions() -> int:
    return len(services.submission_sweep())
