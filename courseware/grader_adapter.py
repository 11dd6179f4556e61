"""The one module where courseware meets the Django-free grader.

``grader/`` takes plain data and returns plain data (``grader.Result``); this module
hands it Django settings, finds an exercise's folder, and maps a result onto the
fields of a ``Submission``. Nothing else in courseware calls ``grader.grade``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

import grader
from grader.schema import Result, error_result

from .models import Exercise, Submission

# Stored text is capped so one noisy run cannot bloat the database.
OUTPUT_CHARS = 20_000
ERROR_CHARS = 5_000
# What a learner reads when the exercise itself is broken (an author's mistake).
EXERCISE_BROKEN = (
    "This exercise cannot be graded right now because of a problem on our side, not in "
    "your code. Staff have been told; your submission is kept and you can try again later."
)


def configure_grader() -> None:
    """Pass the grader settings this deployment defines; the rest keep their defaults.

    Called once per process from ``CoursewareConfig.ready()``, so web processes, Celery
    workers and management commands all grade with the same limits.
    """
    from grader import config

    names = [config.UNSAFE, *config.DEFAULTS]
    config.configure(**{name: getattr(settings, name, None) for name in names})


def exercise_folder(exercise: Exercise) -> Path:
    return Path(settings.CONTENT_DIR) / exercise.source_path


def grade(submission: Submission) -> Result:
    """Grade a submission's code in the sandbox.

    Raises ``grader.ExerciseError`` when the exercise folder cannot be loaded (the
    author's mistake) and ``grader.SandboxUnavailable`` when no sandbox can be made
    (infrastructure); the learner's own mistakes come back inside the result.
    """
    exercise = grader.load_exercise(exercise_folder(submission.exercise))
    return grader.grade(
        exercise,
        submission.code,
        visible_only=submission.kind == Submission.Kind.RUN,
        seed=submission.seed,
    )


def exercise_broken_result() -> Result:
    return error_result(EXERCISE_BROKEN)


def sandbox_missing_result(exc: grader.SandboxUnavailable) -> Result:
    return error_result(f"Grading is not available on this server: {exc}")


def result_fields(result: Result) -> dict:
    """The ``Submission`` fields that store a grader result."""
    return {
        "status": result["status"],
        "score": result["score"],
        "max_score": result["max_score"],
        "feedback": result["tests"],
        "output": (result["output"] or "")[:OUTPUT_CHARS],
        "error": (result["error"] or "")[:ERROR_CHARS],
    }
