"""Writes for enrolment: each function owns one change, its checks and side effects."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from courseware.models import Course

from .models import Enrollment


class EnrollmentClosed(Exception):
    """The course is not taking new enrolments."""


def enrollment_create(*, user, course: Course) -> tuple[Enrollment, bool]:
    """Enrol ``user`` in ``course``; return ``(enrollment, created)``.

    Idempotent and race-safe: the unique constraint on (user, course) decides, and a
    losing concurrent request reads the winner's row instead of failing. A learner who
    left comes back to the same enrolment, with their progress intact, even after staff
    closed the course to *new* learners. The confirmation email is queued only after
    the row is committed, and only once.
    """
    existing = Enrollment.objects.filter(user=user, course=course).first()
    if existing is None and not course.enrolment_open:
        raise EnrollmentClosed(f"{course.title} is not taking new enrolments.")
    if existing is not None:
        return _reactivate(existing), False

    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(user=user, course=course)
    except IntegrityError:
        # Another request enrolled this learner a moment ago: theirs is the enrolment.
        return Enrollment.objects.get(user=user, course=course), False

    from .tasks import send_enrollment_confirmation

    enrollment_id = enrollment.id
    transaction.on_commit(lambda: send_enrollment_confirmation.delay(enrollment_id))
    return enrollment, True


def _reactivate(enrollment: Enrollment) -> Enrollment:
    if enrollment.status != Enrollment.Status.ACTIVE:
        Enrollment.objects.filter(pk=enrollment.pk).update(
            status=Enrollment.Status.ACTIVE, left_at=None
        )
        enrollment.refresh_from_db()
    return enrollment


def enrollment_leave(*, user, course: Course) -> Enrollment | None:
    """Leave a course. Progress, submissions and certificates are kept for a return."""
    enrollment = Enrollment.objects.filter(
        user=user, course=course, status=Enrollment.Status.ACTIVE
    ).first()
    if enrollment is None:
        return None
    enrollment.status = Enrollment.Status.LEFT
    enrollment.left_at = timezone.now()
    enrollment.save(update_fields=["status", "left_at"])
    return enrollment
