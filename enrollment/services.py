"""Writes for enrolment: each function owns one change, its checks and side effects."""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.services import user_full_name_update
from courseware.caching import learner_version_bump
from courseware.models import Course

from . import selectors
from .models import Certificate, CertificateStatusChange, Enrollment, ModuleCompletion
from .progress import CourseProgress


class EnrollmentClosed(Exception):
    """The course is not taking new enrolments."""


class NotEnrolled(Exception):
    """Only learners actively enrolled in the course may do this."""


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
        learner_version_bump(enrollment.user_id)  # a bulk update sends no signal
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


class PositionRefused(Exception):
    """A reading position that is not kept; ``status_code`` says why for the beacon."""

    status_code = 400


class PositionThrottled(PositionRefused):
    status_code = 429


# A section is named by the id of its heading, as the content sync writes them.
_SECTION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def _position_allowed(user_id: int) -> bool:
    """At most ``READING_POSITION_RATE_LIMIT`` writes per learner a minute, counted in a
    fixed window in the cache, so a runaway script never reaches the database."""
    window = 60
    key = f"reading-position-rate:{user_id}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: not worth refusing a learner for
        return True
    return count <= settings.READING_POSITION_RATE_LIMIT


def reading_position_record(*, user, module, section: str) -> bool:
    """Remember that the learner last read ``section`` (a heading id) of ``module``, for
    the dashboard's Resume. Returns False when they are not actively enrolled.

    Raises ``PositionRefused`` for a section the module does not have and
    ``PositionThrottled`` over the rate limit. A bulk update on purpose: no signal, so
    the learner version stays as it is and their cached pages with it (none shows it).
    """
    section = section.strip()
    if not _SECTION_RE.fullmatch(section) or f'id="{section}"' not in module.body_html:
        raise PositionRefused("This module has no such section.")
    if not _position_allowed(user.pk):
        raise PositionThrottled("Reading position saved too often; try again in a minute.")
    updated = Enrollment.objects.filter(
        user=user, course_id=module.course_id, status=Enrollment.Status.ACTIVE
    ).update(last_module=module, last_section=section, last_read_at=timezone.now())
    return bool(updated)


def _require_enrolled(*, user, course: Course) -> None:
    if not selectors.enrollment_is_active(user=user, course=course):
        raise NotEnrolled(f"Enrol in {course.title} to track your progress.")


def module_complete(*, user, module) -> CourseProgress:
    """Mark a module as read (idempotent) and recompute the course's progress.

    Raises ``NotEnrolled`` unless the learner is actively enrolled in its course.
    """
    _require_enrolled(user=user, course=module.course)
    ModuleCompletion.objects.get_or_create(user=user, module=module)
    return progress_recompute(user_id=user.pk, course_id=module.course_id)


def module_uncomplete(*, user, module) -> CourseProgress:
    """Undo "mark as complete". An issued certificate stays issued."""
    _require_enrolled(user=user, course=module.course)
    ModuleCompletion.objects.filter(user=user, module=module).delete()
    return progress_recompute(user_id=user.pk, course_id=module.course_id)


def progress_recompute(*, user_id: int, course_id: int, withdraw: bool = False) -> CourseProgress:
    """Recompute a learner's progress in a course; record when they first complete it.

    Called by the grading task after a result and by mark-complete, never by signals.
    Only enrolled learners (active or not) are considered. Completion does not issue
    the certificate: the learner confirms their name first (``certificate_claim``), and
    an email with the link to do so is sent, as completion often happens in a grading
    task while they are elsewhere.

    ``withdraw`` is for staff returning a written part: a completion recorded before is
    taken back when the course is no longer complete and no certificate was issued yet
    (an issued certificate stays issued), until the learner resubmits.
    """
    course = Course.objects.get(pk=course_id)
    user = get_user_model().objects.get(pk=user_id)
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    progress = selectors.progress_for_courses(user=user, courses=[course])[course.id]
    if enrollment is None:
        return progress
    Enrollment.objects.filter(pk=enrollment.pk).update(progress_percent=progress.percent)
    if withdraw and not progress.eligible_for_certificate and enrollment.completed_at:
        if not Certificate.objects.filter(user=user, course=course).exists():
            Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=None)
    elif progress.eligible_for_certificate and enrollment.completed_at is None:
        # Conditional, so concurrent recomputes record the completion, and email, once.
        first = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if first:
            from .tasks import send_course_completed

            enrollment_id = enrollment.pk
            transaction.on_commit(lambda: send_course_completed.delay(enrollment_id))
    learner_version_bump(user_id)  # a bulk update sends no signal
    return progress


class CertificateNotEarned(Exception):
    """The learner has not completed the course, so there is no certificate to claim."""


def certificate_claim(*, user, course: Course, full_name: str) -> tuple[Certificate, bool]:
    """Issue the certificate of a completed course with the name the learner confirmed.

    Completing a course (``progress_recompute`` setting ``Enrollment.completed_at``) and
    issuing its certificate are two steps, because the name is printed for good and only
    the learner can confirm it: the last requirement is often met inside a grading task,
    where nobody can be asked. Until they confirm, the course reads "complete, certificate
    awaiting your name" on the pages they visit. Completion is a fact once recorded: a
    module marked as not complete afterwards does not take the claim away, as it never
    took an issued certificate away. ``full_name`` (already cleaned by the form) is saved
    on the account as well, so the dashboard and later certificates use it.

    Returns ``(certificate, created)``; an already issued certificate is returned as it is,
    whatever name is posted now (issued certificates never change). Raises
    ``CertificateNotEarned`` when the course is not complete.
    """
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing, False
    completed = Enrollment.objects.filter(
        user=user, course=course, completed_at__isnull=False
    ).exists()
    if not completed:
        raise CertificateNotEarned(f"You have not completed {course.title} yet.")
    progress = selectors.progress_for_courses(user=user, courses=[course])[course.id]
    with transaction.atomic():
        user_full_name_update(user=user, full_name=full_name)
        return certificate_issue(
            user=user,
            course=course,
            learner_name=user.full_name,
            score_percent=progress.score_percent,
        )


def certificate_issue(
    *, user, course: Course, learner_name: str, score_percent: int
) -> tuple[Certificate, bool]:
    """Issue the learner's certificate for a course exactly once.

    Concurrent claims (a double click, two tabs) race on the unique constraint; the
    loser returns the winner's certificate. The name and course title are copied now, so
    the certificate reads the same forever. Learners reach this through
    ``certificate_claim``, which checks the course is complete.
    """
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                course=course,
                learner_name=learner_name,
                course_title=course.title,
                score_percent=min(100, max(0, score_percent)),
            )
    except IntegrityError:
        return Certificate.objects.get(user=user, course=course), False

    from .tasks import send_certificate_issued

    certificate_id = str(certificate.pk)
    transaction.on_commit(lambda: send_certificate_issued.delay(certificate_id))
    return certificate, True


def certificate_revoke(*, certificate: Certificate, by, reason: str = "") -> Certificate:
    """Staff revoke a certificate: its public page then says so. Recorded in the audit."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is None:
            certificate.revoked_at = timezone.now()
            certificate.revoked_by = by
            certificate.revoked_reason = reason[:300]
            certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
            CertificateStatusChange.objects.create(
                certificate=certificate,
                action=CertificateStatusChange.Action.REVOKED,
                changed_by=by,
                reason=reason[:300],
            )
    return certificate


def certificate_restore(*, certificate: Certificate, by) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            certificate.revoked_at = None
            certificate.revoked_by = None
            certificate.revoked_reason = ""
            certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
            CertificateStatusChange.objects.create(
                certificate=certificate,
                action=CertificateStatusChange.Action.RESTORED,
                changed_by=by,
            )
    return certificate
