"""Writes for courseware: knowledge-check answers, submissions and their grading,
learners' drafts, and opening or closing a course to new learners.

The grading promises (DESIGN.md, "The grader's promises" 5): a submission is stored
before it is queued; a task that dies is run again; stale queued work is swept up;
grading the same submission twice gives one result.

Failures are classified as the grader classifies them: a learner's mistake is a
verdict in the result; an author's mistake (``grader.ExerciseError``) ends the
submission as ``error`` with a plain message and is logged loudly for staff;
infrastructure (``grader.SandboxUnavailable``, database errors) hands the submission
back to be retried. A result that cannot be stored is stored as ``error`` instead, and
a submission delivered ``GRADING_MAX_DELIVERIES`` times without a result (its worker
died, a time limit, a crash) ends as ``error``: neither can come back forever.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import DataError, IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

import grader

# The only two things courseware asks of enrollment (README, "Where things live").
from enrollment.selectors import enrollment_is_active
from enrollment.services import progress_recompute

from . import grader_adapter, live
from .caching import content_version_bump, learner_version_bump
from .models import Course, Draft, Exercise, HintReveal, Question, QuestionResponse, Submission
from .selectors import SESSION_ANSWERS, AnswerState, answer_state, hints_revealed_count

logger = logging.getLogger(__name__)


class InvalidAnswer(ValueError):
    """The selection does not fit the question (nothing chosen, unknown or too many)."""


def question_answer(*, user, question: Question, selected: list[str], session=None) -> AnswerState:
    """Grade an answer on the server and remember it.

    Signed-in learners get a stored ``QuestionResponse`` (their latest answer); anonymous
    readers get the verdict too, remembered only in their session when one is given.
    """
    keys = [choice["key"] for choice in question.choices]
    chosen = [key for key in keys if key in set(selected)]  # display order, no duplicates
    if not chosen:
        raise InvalidAnswer("Choose an answer first.")
    if len(chosen) != len(set(selected)):
        raise InvalidAnswer("That choice is not part of this question.")
    if question.kind == Question.Kind.SINGLE and len(chosen) != 1:
        raise InvalidAnswer("Choose exactly one answer.")
    state = answer_state(question, chosen)
    if user is not None and user.is_authenticated:
        QuestionResponse.objects.update_or_create(
            user=user,
            question=question,
            defaults={"selected": chosen, "is_correct": state.is_correct},
        )
    elif session is not None:
        answers = dict(session.get(SESSION_ANSWERS, {}))
        answers[str(question.id)] = chosen
        session[SESSION_ANSWERS] = answers
    return state


class SubmissionRefused(Exception):
    """The submission was not accepted; the message is for the learner."""

    status_code = 400


class NotEnrolled(SubmissionRefused):
    status_code = 403

    def __init__(self):
        super().__init__(
            "Enrol in this course to have your code graded. Your code is still in the editor."
        )


def _seconds(count: int) -> str:
    return f"{count} second{'s' if count != 1 else ''}"


class RateLimited(SubmissionRefused):
    status_code = 429

    def __init__(self, retry_after: int, kind: str = Submission.Kind.SUBMIT):
        self.retry_after = retry_after
        did = "run the tests" if kind == Submission.Kind.RUN else "submitted"
        super().__init__(
            f"You have {did} a lot in a short time. You can try again in {_seconds(retry_after)}."
        )


class TooManyPending(SubmissionRefused):
    """The learner already has ``SUBMISSION_MAX_PENDING`` submissions waiting."""

    status_code = 429

    def __init__(self, pending: int):
        self.pending = pending
        waiting = f"{pending} submission{'s' if pending != 1 else ''} waiting to be graded"
        super().__init__(
            f"You have {waiting}. Wait for one to finish, then try again; your code is "
            "still in the editor."
        )


# Which limit each kind of submission counts against (settings, base.py): runs of the
# visible tests have their own, more generous window, so they never use up submissions.
_RATE_LIMIT_SETTINGS = {
    Submission.Kind.SUBMIT: "SUBMISSION_RATE_LIMIT",
    Submission.Kind.RUN: "SUBMISSION_RUN_RATE_LIMIT",
}


def _rate_limit_take(user_id: int, *, scope: str, limit: int, window: int) -> int | None:
    """Count one action against the learner's window for ``scope``; return None when it
    is allowed, else the seconds until the window resets.

    A fixed window in the cache (Redis in production), shared by every web process and
    counted atomically, so concurrent requests cannot slip past the limit together: the
    window is claimed with ``cache.add`` (Redis ``SET NX``, local memory under its lock),
    so every caller agrees on when it started, and its counter is a key named after that
    start, created with ``add`` and counted with ``incr`` (Redis ``INCRBY``), so no two
    callers read the same count. A counter outlives its window and is never read after
    it, so an increment racing the key's expiry (Django's Redis ``incr`` checks that the
    key exists, then increments) cannot carry a count into the next window.
    """
    window_key = f"{scope}-rate:{user_id}:window"
    for _ in range(3):
        now = time.time()
        cache.add(window_key, now + window, timeout=window)
        reset_at = cache.get(window_key)
        if reset_at is None:  # it expired between the two calls: claim the next one
            continue
        count_key = f"{scope}-rate:{user_id}:{reset_at:.6f}"
        cache.add(count_key, 0, timeout=window + 60)
        try:
            count = cache.incr(count_key)
        except ValueError:  # evicted from local memory between add and incr
            continue
        if count > limit:
            # Another caller may have claimed the window a moment after ``now``.
            return min(window, max(1, math.ceil(reset_at - now)))
        return None
    # Only a cache that keeps dropping fresh keys gets here; a limit it cannot keep is
    # not worth refusing learners for.
    logger.warning("Rate limit %s for user %s could not be counted", scope, user_id)
    return None


def _code_too_large(code: str) -> str | None:
    """Why ``code`` is over ``SUBMISSION_MAX_CODE_BYTES``, or None: one limit for
    submissions and drafts alike."""
    size, limit = len(code.encode("utf-8", errors="replace")), settings.SUBMISSION_MAX_CODE_BYTES
    return f"Your code is {size:,} bytes; the limit is {limit:,}." if size > limit else None


def _pending_and_last_attempt(user, exercise: Exercise) -> tuple[int, int | None]:
    """How many of the learner's submissions (both kinds, any exercise) are queued or
    running, and their last attempt number on ``exercise``: one query over the learner's
    rows, read while the caller holds the lock on the learner's row."""
    figures = Submission.objects.filter(user=user).aggregate(
        pending=Count(
            "pk", filter=Q(status__in=(Submission.Status.QUEUED, Submission.Status.RUNNING))
        ),
        last=Max("attempt", filter=Q(exercise=exercise, attempt__isnull=False)),
    )
    return figures["pending"], figures["last"]


def submission_create(
    *, user, exercise: Exercise, code: str, kind: str = Submission.Kind.SUBMIT
) -> Submission:
    """Store a learner's code and queue it for grading once the row is committed.

    Refuses learners who are not enrolled, empty or oversized code, learners over their
    rate limit (submissions and visible-test runs each have their own) and learners who
    already have ``SUBMISSION_MAX_PENDING`` waiting to be graded, each with a message for
    the learner. Attempt numbers are assigned under a lock on the learner's
    row, so concurrent submissions from one learner get 1, 2, 3... with no gaps or
    repeats.
    """
    if not enrollment_is_active(user=user, course=exercise.course):
        raise NotEnrolled()
    if not code.strip():
        raise SubmissionRefused("Your code is empty. Write your solution in the editor first.")
    if too_large := _code_too_large(code):
        raise SubmissionRefused(f"{too_large} Remove data you pasted in, or unused code.")
    if kind not in Submission.Kind.values:
        raise SubmissionRefused("Unknown action.")
    retry_after = _rate_limit_take(
        user.pk,
        scope=kind,
        limit=getattr(settings, _RATE_LIMIT_SETTINGS[kind]),
        window=settings.SUBMISSION_RATE_WINDOW_SECONDS,
    )
    if retry_after is not None:
        raise RateLimited(retry_after=retry_after, kind=kind)

    with transaction.atomic():
        # Serialise this learner's submissions (not anyone else's) while counting what
        # waits and numbering: each caller sees the rows committed before it.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        pending, last = _pending_and_last_attempt(user, exercise)
        if pending >= settings.SUBMISSION_MAX_PENDING:
            raise TooManyPending(pending)
        attempt = (last or 0) + 1 if kind == Submission.Kind.SUBMIT else None
        submission = Submission.objects.create(
            user=user, exercise=exercise, code=code, kind=kind, attempt=attempt
        )
        submission_id = submission.pk
        transaction.on_commit(lambda: submission_enqueue(submission_id=submission_id))
    return submission


def submission_enqueue(*, submission_id: int) -> bool:
    """Send the grading task. If the broker is unreachable the submission stays queued
    and the sweep sends it later: the learner never sees an error for it.

    Only broker failures are caught here. In-process grading (eager Celery) runs the
    task inside this call, and its own failures must not be mistaken for an outage.
    """
    # services -> tasks -> services: the task imports this module, so import it late.
    from .tasks import grade_submission

    try:
        grade_submission.apply_async(args=[submission_id], retry=False)
    except (BrokerError, OSError):  # connection refused, DNS failure, timeouts
        logger.warning(
            "Could not queue submission %s; the sweep will retry", submission_id, exc_info=True
        )
        return False
    return True


def submission_grade(*, submission_id: int, worker: str = "") -> Submission | None:
    """Grade one submission, exactly once in effect.

    Safe to call any number of times, concurrently too: a finished submission is left
    alone, and if two deliveries race, the first result stored wins and the second is
    discarded. The sandbox runs outside any transaction, so no lock is held meanwhile.

    ``grader.SandboxUnavailable`` hands the submission back (status ``queued``) and
    propagates so the task retries, unless grading runs in-process, where there is no
    worker to retry on and the learner is told plainly instead.
    """
    with transaction.atomic():
        # Only the submission's row is locked: its exercise comes along in the same
        # query (the grader needs it), but locking that too would make every worker
        # grading the same exercise queue for it, and hold up an author's edit.
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("exercise")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None or submission.is_finished:
            return submission
        # Deliveries that started and never stored a result (the worker died, a time
        # limit, a crash): past the bound this submission would only keep costing
        # workers, so it ends here. Infrastructure hand-backs do not count.
        counted = submission.deliveries - submission.handed_back
        if counted >= settings.GRADING_MAX_DELIVERIES:
            logger.error(
                "Submission %s was delivered %s times without a result; it ends as error",
                submission_id,
                counted,
            )
            _result_store(submission, grader_adapter.gave_up_result(counted), elapsed_ms=None)
            return submission
        submission.status = Submission.Status.RUNNING
        submission.started_at = timezone.now()
        submission.worker = worker[:200]
        submission.deliveries += 1
        submission.save(update_fields=["status", "started_at", "worker", "deliveries"])
        _announce_after_commit(submission_id, Submission.Status.RUNNING)

    started = time.perf_counter()
    try:
        result = grader_adapter.grade(submission)
    except grader.ExerciseError as exc:
        # The author's mistake: retrying cannot help, so the submission ends here.
        logger.error(
            "Exercise %s cannot be graded (submission %s ends as error): %s",
            submission.exercise.slug,
            submission_id,
            exc,
        )
        result = grader_adapter.exercise_broken_result()
    except grader.SandboxUnavailable as exc:
        if not settings.GRADING_IN_PROCESS:
            Submission.objects.filter(pk=submission_id).update(
                status=Submission.Status.QUEUED, handed_back=F("handed_back") + 1
            )
            _announce_after_commit(submission_id, Submission.Status.QUEUED)
            raise
        result = grader_adapter.sandbox_missing_result(exc)
    except Exception:
        # Anything else is ours or the infrastructure's: hand it back for a retry.
        Submission.objects.filter(pk=submission_id).update(status=Submission.Status.QUEUED)
        _announce_after_commit(submission_id, Submission.Status.QUEUED)
        raise
    elapsed_ms = int((time.perf_counter() - started) * 1000)

    exercise = submission.exercise
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.is_finished:
            return submission
        submission.exercise = exercise  # loaded above: storing needs its course, no query
        _result_store(submission, result, elapsed_ms=elapsed_ms)
    return submission


def _result_store(submission: Submission, result, *, elapsed_ms: int | None) -> None:
    """Store a finished result on a locked submission and recompute progress after commit.

    A result that cannot be stored (not strict JSON, refused by the database) would leave
    the submission ``running`` for the sweep to grade again forever: it is stored as an
    ``error`` instead, and logged for staff.
    """
    try:
        fields = grader_adapter.result_fields(result)
        with transaction.atomic():  # a savepoint: a refused row leaves the outer one usable
            _result_save(submission, fields, elapsed_ms)
    except (grader_adapter.UnstorableResult, DataError, IntegrityError, ValueError) as exc:
        logger.error(
            "The result of submission %s cannot be stored (%s); it ends as error",
            submission.pk,
            exc,
        )
        fallback = grader_adapter.unstorable_result(result)
        _result_save(submission, grader_adapter.result_fields(fallback), elapsed_ms)
    # On-commit callbacks run in the order they were added. The page waiting for this
    # result is told before progress is recomputed (that takes longer than the page
    # needs), except after a pass: a pass may complete the course, and the result the
    # page then shows must say so (enrollment/includes/course_finished.html).
    completes = (
        submission.kind == Submission.Kind.SUBMIT and submission.status == Submission.Status.PASSED
    )
    if not completes:
        _announce_after_commit(submission.pk, submission.status)
    if submission.kind == Submission.Kind.SUBMIT:
        user_id, course_id = submission.user_id, submission.exercise.course_id
        transaction.on_commit(lambda: progress_recompute(user_id=user_id, course_id=course_id))
    if completes:
        _announce_after_commit(submission.pk, submission.status)


def _announce_after_commit(submission_id: int, status: str) -> None:
    """Tell the page waiting on this submission (``courseware.live``) once the change is
    committed, so the waiter's read sees it; at once when no transaction is open."""
    transaction.on_commit(
        lambda: live.submission_changed(submission_id=submission_id, status=status)
    )


def _result_save(submission: Submission, fields: dict, elapsed_ms: int | None) -> None:
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.finished_at = timezone.now()
    submission.grading_ms = elapsed_ms
    submission.save()


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
        # A fresh start: deliveries before the regrade do not count against it.
        deliveries=0,
        handed_back=0,
    )
    learner_version_bump(submission.user_id)  # a bulk update sends no signal
    submission_id = submission.pk
    _announce_after_commit(submission_id, Submission.Status.QUEUED)
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
        _announce_after_commit(submission_id, Submission.Status.QUEUED)
        submission_enqueue(submission_id=submission_id)
    return ids


class DraftRefused(ValueError):
    """The draft was not saved; the message is for the learner, who keeps their code."""

    status_code = 400


class DraftThrottled(DraftRefused):
    status_code = 429

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"Saving too often; trying again in {_seconds(retry_after)}.")


def draft_save(*, user, exercise: Exercise, code: str) -> Draft:
    """Keep a signed-in learner's unsubmitted code for an exercise: one row per learner
    and exercise, replaced on every save.

    Any signed-in learner may keep a draft, enrolled or not (the page promises it); line
    ends are stored as LF, as the editor has them. Code over
    ``SUBMISSION_MAX_CODE_BYTES`` is refused, as a submission would be, and nothing is
    stored; saves are throttled per learner (``DRAFT_SAVE_RATE_LIMIT`` per
    ``DRAFT_SAVE_RATE_WINDOW_SECONDS``) before they reach the database.
    """
    if user is None or not user.is_authenticated:
        raise DraftRefused("Sign in to keep your code on the server.")
    # Browsers send form text with CRLF line ends; keep the editor's own LF.
    code = code.replace("\r\n", "\n")
    if too_large := _code_too_large(code):
        raise DraftRefused(too_large)
    retry_after = _rate_limit_take(
        user.pk,
        scope="draft",
        limit=settings.DRAFT_SAVE_RATE_LIMIT,
        window=settings.DRAFT_SAVE_RATE_WINDOW_SECONDS,
    )
    if retry_after is not None:
        raise DraftThrottled(retry_after=retry_after)
    draft, _ = Draft.objects.update_or_create(user=user, exercise=exercise, defaults={"code": code})
    return draft


def draft_discard(*, user, exercise: Exercise) -> bool:
    """Forget the learner's draft ("Reset to starter code", once they confirmed).
    Returns whether there was one."""
    if user is None or not user.is_authenticated:
        return False
    deleted, _ = Draft.objects.filter(user=user, exercise=exercise).delete()
    return bool(deleted)


def course_enrolment_set(*, course: Course, is_open: bool, by=None) -> bool:
    """Open or close a course to new learners; enrolled learners keep their access.

    Returns whether anything changed. Logged with who did it, for the record.
    """
    changed = bool(
        Course.objects.filter(pk=course.pk)
        .exclude(enrolment_open=is_open)
        .update(enrolment_open=is_open)
    )
    course.enrolment_open = is_open
    if changed:
        # The course page shows Enrol Now or "closed" to visitors from the page cache.
        content_version_bump()
        logger.info("Enrolment %s for %s by %s", "opened" if is_open else "closed", course.slug, by)
    return changed


class HintRefused(ValueError):
    """That hint cannot be revealed (yet); the message is for the learner."""


def hint_reveal(*, user, exercise: Exercise, index: int) -> int:
    """Reveal hint ``index`` (0-based) of ``exercise`` to a signed-in learner, in order.

    Only the next hint can be revealed: asking for one already shown changes nothing,
    asking to skip ahead (or for a hint that does not exist) raises ``HintRefused``.
    Returns how many hints the learner has now seen. A double click or two tabs racing
    for the same hint meet the unique constraint and record it once.
    """
    if not getattr(user, "is_authenticated", False):
        raise HintRefused("Sign in to see the hints.")
    total = len(exercise.hints_html)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < total:
        raise HintRefused("That hint does not exist.")
    seen = hints_revealed_count(user=user, exercise=exercise)
    if index < seen:
        return seen
    if index > seen:
        raise HintRefused(f"Reveal hint {seen + 1} first: hints come one at a time, in order.")
    try:
        with transaction.atomic():
            HintReveal.objects.create(user=user, exercise=exercise, index=index)
    except IntegrityError:
        pass  # the same hint, revealed at the same moment by another request
    return index + 1
