"""Writes for the written parts of an exercise: a learner saves a part, staff return it.

Every save is a new ``WrittenSubmission`` row (the history is kept, nothing a learner
wrote is overwritten); the newest row of a part is its current state. Both writes
recompute the learner's progress, since a course with written parts is complete only
once each is submitted and not returned.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from enrollment.selectors import enrollment_is_active
from enrollment.services import progress_recompute

from .caching import learner_version_bump
from .models import Exercise, WrittenSubmission
from .written import text_problems, word_count


class WrittenRefused(Exception):
    """The part cannot be saved; ``errors`` are sentences for the learner, by field."""

    def __init__(self, errors: list[str]):
        super().__init__(" ".join(errors))
        self.errors = errors


def written_part(*, exercise: Exercise, key: str) -> dict | None:
    """The part ``key`` of the exercise as sync stored it, or None."""
    return next((part for part in exercise.written if part["key"] == key), None)


def written_save(*, user, exercise: Exercise, key: str, text: str) -> WrittenSubmission:
    """Save a new version of one written part after checking it on the server.

    Raises ``WrittenRefused`` (nothing stored) when the learner is not actively enrolled,
    the part does not exist, or the text misses a required section or the word limits.
    """
    part = written_part(exercise=exercise, key=key)
    if part is None:
        raise WrittenRefused(["This exercise has no such written part."])
    if not enrollment_is_active(user=user, course=exercise.course):
        raise WrittenRefused([f"Enrol in {exercise.course.title} to submit written work."])
    text = text.replace("\r\n", "\n").strip()
    problems = text_problems(
        text,
        sections=part["sections"],
        min_words=part["min_words"],
        max_words=part["max_words"],
    )
    if problems:
        raise WrittenRefused(problems)
    with transaction.atomic():
        saved = WrittenSubmission.objects.create(
            user=user, exercise=exercise, key=key, text=text, word_count=word_count(text)
        )
        user_id, course_id = user.pk, exercise.course_id
        transaction.on_commit(lambda: progress_recompute(user_id=user_id, course_id=course_id))
    learner_version_bump(user.pk)
    return saved


def written_return(*, submission: WrittenSubmission, by, comment: str) -> WrittenSubmission:
    """Return a part to its learner with a comment saying what to change.

    Only the part's current (newest) version can be returned; returning an older one
    would say nothing the learner can act on. The course stops counting as complete
    until the learner saves the part again, unless a certificate was already issued:
    an issued certificate stays issued.
    """
    comment = comment.strip()
    if not comment:
        raise WrittenRefused(["Say what the learner should change."])
    with transaction.atomic():
        # Lock the part's versions so two staff returning it at once go one after the
        # other. A version the learner saves meanwhile is simply the newer one: progress
        # and the page read the newest version, so the return cannot undo it.
        newest = (
            WrittenSubmission.objects.select_for_update()
            .filter(
                user_id=submission.user_id, exercise_id=submission.exercise_id, key=submission.key
            )
            .order_by("-submitted_at", "-id")
            .values_list("pk", flat=True)
            .first()
        )
        if newest != submission.pk:
            raise WrittenRefused(["A newer version of this part exists; review that one."])
        WrittenSubmission.objects.filter(pk=submission.pk).update(
            status=WrittenSubmission.Status.RETURNED,
            staff_comment=comment,
            returned_at=timezone.now(),
            returned_by=by,
        )
        user_id, course_id = submission.user_id, submission.exercise.course_id
        transaction.on_commit(
            lambda: progress_recompute(user_id=user_id, course_id=course_id, withdraw=True)
        )
    learner_version_bump(submission.user_id)
    submission.refresh_from_db()
    return submission
