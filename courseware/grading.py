"""Writes for submissions and grading: create, grade, sweep.

The promises (DESIGN.md, "The grader's promises" 5): a submission is stored before it
is queued; a task that dies is run again; stale queued work is swept up; grading the
same submission twice gives one result.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Exercise, Submission

logger = logging.getLogger(__name__)


class SubmissionRefused(Exception):
    """The submission was not accepted; the message is for the learner."""


class RateLimited(SubmissionRefused):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(
            f"You have submitted a lot in a short time. You can try again in {retry_after} "
            f"second{'s' if retry_after != 1 else ''}."
        )


def _rate_limit_take(user_id: int) -> None:
    """Count one submission against the learner's window, or raise RateLimited.

    A fixed window in the cache (Redis in production): cheap, shared by every web
    process, and good enough for fairness; it is not a security boundary.
    """
    limit = settings.SUBMISSION_RATE_LIMIT
    window = settings.SUBMISSION_RATE_WINDOW_SECONDS
    count_key, reset_key = f"submit-rate:{user_id}:count", f"submit-rate:{user_id}:reset"
    now = time.time()
    reset_at = cache.get(reset_key)
    if reset_at is None or reset_at <= now:
        reset_at = now + window
        cache.set(reset_key, reset_at, timeout=window)
        cache.set(count_key, 0, timeout=window)
    try:
        count = cache.incr(count_key)
    except ValueError:
        cache.set(count_key, 1, timeout=window)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=max(1, int(reset_at - now + 0.999)))


def submission_create(
    *, user, exercise: Exercise, code: str, kind: str = Submission.Kind.SUBMIT
) -> Submission:
    """Store a learner's code and queue it for grading once the row is committed.

    Refuses empty or oversized code and learners over their rate limit, with a message
    for the learner. Attempt numbers are assigned under a lock on the learner's row, so
    concurrent submissions from one learner get 1, 2, 3... with no gaps or repeats.
    """
    encoded = code.encode("utf-8", errors="replace")
    if not code.strip():
        raise SubmissionRefused("Your code is empty. Write your solution in the editor first.")
    if len(encoded) > settings.SUBMISSION_MAX_CODE_BYTES:
        raise SubmissionRefused(
            f"Your code is {len(encoded):,} bytes; the limit is "
            f"{settings.SUBMISSION_MAX_CODE_BYTES:,}. Remove data you pasted in, or unused code."
        )
    if kind not in Submission.Kind.values:
        raise SubmissionRefused("Unknown action.")
    _rate_limit_take(user.pk)

    with transaction.atomic():
        attempt = None
        if kind == Submission.Kind.SUBMIT:
            # Serialise this learner's submissions (not anyone else's) while numbering.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            last = Submission.objects.filter(
                user=user, exercise=exercise, attempt__isnull=False
            ).aggregate(last=Max("attempt"))["last"]
            attempt = (last or 0) + 1
        submission = Submission.objects.create(
            user=user, exercise=exercise, code=code, kind=kind, attempt=attempt
        )
        submission_id = submission.pk
        transaction.on_commit(lambda: submission_enqueue(submission_id=submission_id))
    if settings.CELERY_TASK_ALWAYS_EAGER:
        submission.refresh_from_db()
    return submission


def submission_enqueue(*, submission_id: int) -> bool:
    """Send the grading task. If the broker is unreachable the submission stays queued
    and the sweep sends it later: the learner never sees an error for it."""
    from .tasks import grade_submission

    try:
        grade_submission.apply_async(args=[submission_id], retry=False)
    except Exception:  # broker down, DNS failure, timeouts: all mean "try later"
        logger.warning(
            "Could not queue submission %s; the sweep will retry", submission_id, exc_info=True
        )
        return False
    return True


def _exercise_path(exercise: Exercise) -> Path:
    return Path(settings.CONTENT_DIR) / exercise.source_path


def submission_grade(*, submission_id: int, worker: str = "") -> Submission | None:
    """Grade one submission, exactly once in effect.

    Safe to call any number of times, concurrently too: a finished submission is left
    alone, and if two deliveries race, the first result stored wins and the second is
    discarded. ``grader.SandboxUnavailable`` propagates so the task retries later.
    """
    import grader

    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update()
            .select_related("exercise")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None or submission.is_finished:
            return submission
        submission.status = Submission.Status.RUNNING
        submission.started_at = timezone.now()
        submission.worker = worker[:200]
        submission.deliveries += 1
        submission.save(update_fields=["status", "started_at", "worker", "deliveries"])

    started = time.perf_counter()
    try:
        exercise = grader.load_exercise(_exercise_path(submission.exercise))
        result = grader.grade(
            exercise, submission.code, visible_only=submission.kind == Submission.Kind.RUN
        )
    except grader.SandboxUnavailable as exc:
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            # A worker without a sandbox: hand the submission back and let Celery retry.
            Submission.objects.filter(pk=submission_id).update(status=Submission.Status.QUEUED)
            raise
        # In-process grading (no workers to retry on): say plainly what is missing.
        result = {
            "status": Submission.Status.ERROR,
            "score": 0,
            "max_score": 0,
            "tests": [],
            "error": f"Grading is not available on this server: {exc}",
        }
    except Exception:
        Submission.objects.filter(pk=submission_id).update(status=Submission.Status.QUEUED)
        raise
    elapsed_ms = int((time.perf_counter() - started) * 1000)

    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.is_finished:
            return submission
        submission.status = result["status"]
        submission.score = result.get("score", 0)
        submission.max_score = result.get("max_score", 0)
        submission.feedback = result.get("tests", [])
        submission.output = (result.get("output") or "")[:20_000]
        submission.error = (result.get("error") or "")[:5_000]
        submission.finished_at = timezone.now()
        submission.grading_ms = elapsed_ms
        submission.save()
        if submission.kind == Submission.Kind.SUBMIT:
            user_id, course_id = submission.user_id, submission.exercise.course_id
            transaction.on_commit(
                lambda: _progress_after_grading(user_id=user_id, course_id=course_id)
            )
    return submission


def _progress_after_grading(*, user_id: int, course_id: int) -> None:
    from enrollment.services import progress_recompute

    progress_recompute(user_id=user_id, course_id=course_id)


def submission_regrade(*, submission: Submission) -> Submission:
    """Staff action: grade again from scratch (e.g. after an exercise's cases changed)."""
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.QUEUED,
        score=None,
        max_score=None,
        feedback=[],
        output="",
        error="",
        started_at=None,
        finished_at=None,
    )
    submission_id = submission.pk
    transaction.on_commit(lambda: submission_enqueue(submission_id=submission_id))
    return submission


def submission_sweep(
    *, queued_older_than: timedelta | None = None, running_older_than: timedelta | None = None
) -> list[int]:
    """Queue again every submission stuck in ``queued`` or ``running`` for too long.

    ``queued`` for long means its task was never sent (broker down) or was lost;
    ``running`` for long means its worker died. Grading is idempotent, so a duplicate
    delivery costs time, never a second result.
    """
    now = timezone.now()
    if queued_older_than is None:
        queued_older_than = timedelta(seconds=settings.GRADING_STALE_QUEUED_SECONDS)
    if running_older_than is None:
        running_older_than = timedelta(seconds=settings.GRADING_STALE_RUNNING_SECONDS)
    queued_cutoff = now - queued_older_than
    running_cutoff = now - running_older_than
    stale_queued = Submission.objects.filter(
        status=Submission.Status.QUEUED, queued_at__lt=queued_cutoff
    )
    stale_running = Submission.objects.filter(
        status=Submission.Status.RUNNING, started_at__lt=running_cutoff
    )
    ids = sorted(
        set(stale_queued.values_list("pk", flat=True))
        | set(stale_running.values_list("pk", flat=True))
    )
    if ids:
        # Back to queued, with a fresh clock, so the next sweep waits its turn again.
        Submission.objects.filter(pk__in=ids, status=Submission.Status.RUNNING).update(
            status=Submission.Status.QUEUED
        )
        Submission.objects.filter(pk__in=ids).update(queued_at=now)
    for submission_id in ids:
        submission_enqueue(submission_id=submission_id)
    return ids
