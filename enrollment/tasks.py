"""Celery tasks for enrolment: thin, idempotent, given ids."""

from celery import shared_task

from . import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def send_enrollment_confirmation(enrollment_id: int) -> None:
    emails.enrollment_confirmation_send(enrollment_id=enrollment_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def send_certificate_issued(certificate_id: str) -> None:
    emails.certificate_issued_send(certificate_id=certificate_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def send_course_completed(enrollment_id: int) -> None:
    emails.course_completed_send(enrollment_id=enrollment_id)
