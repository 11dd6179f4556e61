"""Keep learner pages fresh: any saved or deleted row that a learner's cached page shows
renews that learner's version (``caching.learner_version_bump``).

Signals catch every save and delete, the admin's included. Bulk ``QuerySet.update``
sends none, so the services that update these rows in bulk bump the version themselves
(``courseware.services`` when a grade is stored; ``enrollment.services`` on enrolment
changes).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from enrollment.models import Certificate, Enrollment, ModuleCompletion

from . import caching
from .models import QuestionResponse, Submission

# Rows with a ``user_id`` whose change shows on the learner's own pages.
LEARNER_ROWS = (QuestionResponse, Submission, Enrollment, ModuleCompletion, Certificate)


def _row_changed(sender, instance, **kwargs) -> None:
    caching.learner_version_bump(instance.user_id)


def _account_changed(sender, instance, **kwargs) -> None:
    caching.learner_version_bump(instance.pk)  # the name in the header


def connect() -> None:
    for model in LEARNER_ROWS:
        uid = f"courseware.learner-version.{model._meta.label_lower}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=uid + ".delete")
    user = get_user_model()
    uid = "courseware.learner-version.account"
    post_save.connect(_account_changed, sender=user, dispatch_uid=uid + ".save")
