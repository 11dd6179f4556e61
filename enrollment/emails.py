"""The emails learners receive. Rendered from templates; sent by Celery tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Certificate, Enrollment
from .selectors import course_first_module


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def enrollment_confirmation_send(*, enrollment_id: int) -> None:
    enrollment = (
        Enrollment.objects.select_related("user", "course").filter(pk=enrollment_id).first()
    )
    if enrollment is None:
        return
    first_module = course_first_module(course=enrollment.course)
    context = {
        "user": enrollment.user,
        "course": enrollment.course,
        "start_url": _absolute(
            first_module.get_absolute_url()
            if first_module
            else enrollment.course.get_absolute_url()
        ),
        "dashboard_url": _absolute("/dashboard/"),
        "site_name": settings.SITE_NAME,
    }
    send_mail(
        subject=f"You're enrolled: {enrollment.course.title}",
        message=render_to_string("enrollment/email/enrolled.txt", context),
        from_email=None,
        recipient_list=[enrollment.user.email],
    )


def course_completed_send(*, enrollment_id: int) -> None:
    """The course is complete: the link that asks for the certificate's name. Not sent
    when the certificate was issued in the meantime (the learner was on the site)."""
    enrollment = (
        Enrollment.objects.select_related("user", "course").filter(pk=enrollment_id).first()
    )
    if enrollment is None or enrollment.completed_at is None:
        return
    if Certificate.objects.filter(user=enrollment.user, course=enrollment.course).exists():
        return
    path = reverse("enrollment:course_certificate", kwargs={"course_slug": enrollment.course.slug})
    context = {
        "user": enrollment.user,
        "course": enrollment.course,
        "claim_url": _absolute(path),
        "site_name": settings.SITE_NAME,
    }
    send_mail(
        subject=f"You have completed {enrollment.course.title}",
        message=render_to_string("enrollment/email/course_completed.txt", context),
        from_email=None,
        recipient_list=[enrollment.user.email],
    )


def certificate_issued_send(*, certificate_id: str) -> None:
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or certificate.is_revoked:
        return
    context = {
        "certificate": certificate,
        "certificate_url": _absolute(certificate.get_absolute_url()),
        "site_name": settings.SITE_NAME,
    }
    send_mail(
        subject=f"Your certificate: {certificate.course_title}",
        message=render_to_string("enrollment/email/certificate_issued.txt", context),
        from_email=None,
        recipient_list=[certificate.user.email],
    )
