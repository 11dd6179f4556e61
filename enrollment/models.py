"""Enrolments, module completion and certificates.

Progress is *derived* (``enrollment.progress``) from completions, knowledge-check
responses and graded submissions; only facts a learner created are stored here.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LEFT = "left", "Left the course"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        "courseware.Course", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # Cached for the admin list and dashboard; recomputed by progress_recompute().
    progress_percent = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Where the learner last read, for the dashboard's Resume: the module and the id of
    # its section heading. Written by ``reading_position_record`` in a bulk update, so it
    # never renews the learner version: no cached page shows it.
    last_module = models.ForeignKey(
        "courseware.Module", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_section = models.CharField(max_length=100, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            # One enrolment per learner and course, whatever races happen.
            models.UniqueConstraint(fields=["user", "course"], name="one_enrollment_per_course"),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class ModuleCompletion(models.Model):
    """A learner marked a module as read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_completions"
    )
    module = models.ForeignKey(
        "courseware.Module", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="one_completion_per_module"),
        ]

    def __str__(self) -> str:
        return f"{self.user} completed {self.module}"


class Certificate(models.Model):
    """Issued once per learner and course; verifiable by anyone at its public URL."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "courseware.Course", on_delete=models.PROTECT, related_name="certificates"
    )
    # Snapshots at issue time: later profile or course edits do not change a certificate.
    learner_name = models.CharField(max_length=150)
    course_title = models.CharField(max_length=200)
    score_percent = models.PositiveSmallIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course"),
        ]

    def __str__(self) -> str:
        return f"{self.course_title}: {self.learner_name}"

    def get_absolute_url(self) -> str:
        return reverse("enrollment:certificate_detail", kwargs={"certificate_id": self.id})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class CertificateStatusChange(models.Model):
    """Who revoked or restored a certificate, when and why: the audit trail."""

    class Action(models.TextChoices):
        REVOKED = "revoked", "Revoked"
        RESTORED = "restored", "Restored"

    # PROTECT: a certificate with a history cannot be deleted out from under its audit.
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="status_changes"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.action} by {self.changed_by} at {self.changed_at}"
