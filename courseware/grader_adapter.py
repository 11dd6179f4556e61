"""The one module where courseware meets the Django-free grader.

``grader/`` takes plain data and returns plain data (``grader.Result``); this module
hands it Django settings, finds an exercise's folder, and maps a result onto the
fields of a ``Submission``. Nothing else in courseware calls ``grader.grade``.
"""

from __future__ import annotations

import json
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


def pool_start() -> None:
    """Start this process's pool of warm sandboxes (``grader.pool``), sized by the
    ``GRADER_POOL_*`` settings; none when they are all 0.

    A Celery worker calls this in each child process it forks (``config.celery_app``), so
    each child has a pool of its own and its own thread refilling it. Grading in the web
    process (``make run``) starts one on its first grade only when
    ``GRADING_POOL_IN_PROCESS`` is on.
    """
    from grader import pool

    pool.start()


def pool_stop() -> None:
    from grader import pool

    pool.stop()


def _in_process_pool() -> None:
    from grader import pool

    if settings.GRADING_IN_PROCESS and settings.GRADING_POOL_IN_PROCESS and not pool.active():
        pool_start()


def exercise_folder(exercise: Exercise) -> Path:
    return Path(settings.CONTENT_DIR) / exercise.source_path


def grade(submission: Submission) -> Result:
    """Grade a submission's code in the sandbox.

    Raises ``grader.ExerciseError`` when the exercise folder cannot be loaded (the
    author's mistake) and ``grader.SandboxUnavailable`` when no sandbox can be made
    (infrastructure); the learner's own mistakes come back inside the result.
    """
    exercise = grader.load_exercise(exercise_folder(submission.exercise))
    _in_process_pool()
    return grader.grade(
        exercise,
        submission.code,
        visible_only=submission.kind == Submission.Kind.RUN,
        seed=submission.seed,
    )


# What a learner reads when their submission's grading kept failing, or its result could
# not be stored: both are ours to look into, and neither is a verdict on the code.
GAVE_UP = (
    "This submission could not be graded: grading it stopped {count} times before it "
    "finished, so we have stopped trying. Staff have been told. You can submit again; if "
    "this happens again, look for code that returns very large values."
)
UNSTORABLE = (
    "The result of this submission could not be recorded, so it was not graded. This is "
    "a problem on our side; staff have been told. You can submit again."
)


class UnstorableResult(ValueError):
    """A grader result that cannot be stored as it is (not strict JSON, or out of range)."""


def exercise_broken_result() -> Result:
    return error_result(EXERCISE_BROKEN)


def sandbox_missing_result(exc: grader.SandboxUnavailable) -> Result:
    return error_result(f"Grading is not available on this server: {exc}")


def gave_up_result(count: int) -> Result:
    return error_result(GAVE_UP.format(count=count))


def unstorable_result(result: Result) -> Result:
    """What is stored instead of a result that could not be: an error, nothing of it."""
    return error_result(UNSTORABLE, max_score=_whole(result.get("max_score")) or 0)


def _whole(value) -> int | None:
    return value if type(value) is int and value >= 0 else None


def result_fields(result: Result) -> dict:
    """The ``Submission`` fields that store a grader result.

    Raises ``UnstorableResult`` when the result could not be stored faithfully: its
    per-test feedback is not strict JSON (NaN or an infinity has no JSON spelling), or
    its status or scores are not what the columns hold.
    """
    try:
        json.dumps(result["tests"], allow_nan=False)
    except (ValueError, TypeError) as exc:
        raise UnstorableResult(f"the feedback is not strict JSON: {exc}") from None
    if result["status"] not in Submission.FINISHED:
        raise UnstorableResult(f"unknown status {result['status']!r}")
    score, max_score = _whole(result["score"]), _whole(result["max_score"])
    if score is None or max_score is None:
        raise UnstorableResult("the score is not a whole number")
    return {
        "status": result["status"],
        "score": score,
        "max_score": max_score,
        "feedback": result["tests"],
        "output": (result["output"] or "")[:OUTPUT_CHARS],
        "error": (result["error"] or "")[:ERROR_CHARS],
    }
