"""Celery tasks for courseware: thin and idempotent (STYLE.md). They take ids."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

import grader

from . import grading


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # Infrastructure faults are retried with backoff; a learner's error never raises.
    autoretry_for=(grader.SandboxUnavailable, OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=settings.GRADING_SOFT_TIME_LIMIT,
    time_limit=settings.GRADING_HARD_TIME_LIMIT,
)
def grade_submission(self, submission_id: int) -> None:
    grading.submission_grade(submission_id=submission_id, worker=self.request.hostname or "")


@shared_task
def sweep_submissions() -> int:
    return len(grading.submission_sweep())
