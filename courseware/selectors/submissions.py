"""Exercises and a learner's own submissions, and the one definition of "best score"."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max

# A module reference, not names: enrollment's selectors read best scores from ours, so
# each module must be importable while the other is still loading.
from ..models import (
    Exercise,
    Submission,
)


def exercise_get_live(*, course_slug: str, exercise_slug: str) -> Exercise | None:
    exercise = (
        Exercise.objects.live()
        .select_related("course", "module")
        .filter(course__slug=course_slug, slug=exercise_slug)
        .first()
    )
    if exercise is not None:
        exercise.module.course = exercise.course  # so module links need no query
    return exercise


def submission_history(*, user, exercise: Exercise, limit: int = 20) -> list[Submission]:
    """The learner's latest graded attempts (not visible-test runs), newest first."""
    return list(
        Submission.objects.filter(user=user, exercise=exercise, kind=Submission.Kind.SUBMIT)
        .only("id", "attempt", "status", "score", "max_score", "queued_at", "finished_at")
        .order_by("-attempt")[:limit]
    )


def submission_latest(*, user, exercise: Exercise) -> Submission | None:
    return Submission.objects.filter(user=user, exercise=exercise).order_by("-queued_at").first()


def submission_get_own(*, user, exercise: Exercise, submission_id: int) -> Submission | None:
    if not user.is_authenticated:
        return None
    return Submission.objects.filter(pk=submission_id, user=user, exercise=exercise).first()


def submission_best_scores(
    *, user_ids: Iterable[int], exercise_ids: Iterable[int]
) -> dict[tuple[int, int], int]:
    """``{(user_id, exercise_id): best score}`` over every graded attempt, in one query.

    The one definition of "best score": the exercise page, module page, progress, the
    dashboard and the gradebook all read it from here.
    """
    user_ids, exercise_ids = list(user_ids), list(exercise_ids)
    if not user_ids or not exercise_ids:
        return {}
    rows = (
        Submission.objects.graded_attempts()
        .filter(user_id__in=user_ids, exercise_id__in=exercise_ids)
        .values("user_id", "exercise_id")
        .annotate(best=Max("score"))
    )
    return {(row["user_id"], row["exercise_id"]): row["best"] or 0 for row in rows}


def submission_best_score(*, user, exercise: Exercise) -> int | None:
    """One learner's best score on one exercise (``submission_best_scores``), or None."""
    best = submission_best_scores(user_ids=[user.pk], exercise_ids=[exercise.id])
    return best.get((user.pk, exercise.id))
