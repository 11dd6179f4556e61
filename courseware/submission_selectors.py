"""Reads for exercises and submissions. A learner only ever sees their own."""

from __future__ import annotations

from django.db.models import Max

from .models import Exercise, Submission


def exercise_get_live(*, course_slug: str, exercise_slug: str) -> Exercise | None:
    return (
        Exercise.objects.live()
        .select_related("course", "module")
        .filter(course__slug=course_slug, slug=exercise_slug)
        .first()
    )


def submission_history(*, user, exercise: Exercise, limit: int = 20) -> list[Submission]:
    """The learner's graded attempts (not visible-test runs), newest first."""
    return list(
        Submission.objects.filter(user=user, exercise=exercise, kind=Submission.Kind.SUBMIT)
        .only("id", "attempt", "status", "score", "max_score", "queued_at", "finished_at")
        .order_by("-attempt")[:limit]
    )


def submission_latest(*, user, exercise: Exercise) -> Submission | None:
    return Submission.objects.filter(user=user, exercise=exercise).order_by("-queued_at").first()


def submission_get_own(*, user, exercise: Exercise, submission_id: int) -> Submission | None:
    return Submission.objects.filter(pk=submission_id, user=user, exercise=exercise).first()


def best_scores(*, user, exercises) -> dict[int, dict]:
    """{exercise_id: {"score": best, "max_score": max}} for the learner's real attempts."""
    if not user.is_authenticated:
        return {}
    rows = (
        Submission.objects.graded_attempts()
        .filter(user=user, exercise__in=exercises)
        .values("exercise_id")
        .annotate(best=Max("score"), max_score=Max("max_score"))
    )
    return {
        row["exercise_id"]: {"score": row["best"] or 0, "max_score": row["max_score"] or 0}
        for row in rows
    }
