"""Results on screen at once: the exercise page's request for news waits for the news.

While a submission is queued or running, the page asks the status endpoint "has it
changed from what I show?" (``?shown=queued``). Instead of answering "no" at once and
being asked again a poll interval later, the endpoint *waits* (``submission_wait``), up
to ``LIVE_WAIT_SECONDS``, for the service that changes the submission to announce it
(``submission_changed``, called by ``courseware.services`` after the row is
committed). The learner then sees a stored result a few milliseconds after it is
stored, not up to a poll interval later.

Two channels carry the announcements:

- **Redis pub/sub** when ``REDIS_URL`` is set (gunicorn + Celery workers): the worker
  that stored the result publishes one message on the submission's channel; the web
  process holding the waiting request is subscribed to it.
- **In this process** otherwise (``make run``: runserver threads, grading eager in the
  posting request): a ``threading.Event`` per waiting request.

What keeps it robust:

- **Subscribe, then read.** The waiter subscribes (and, for Redis, waits for the
  subscription to be confirmed) *before* it reads the status, so a result stored at any
  moment is either seen by that read or announced to the subscription: never missed.
- **A quick database check as well.** Every ``LIVE_RECHECK_SECONDS`` the waiter reads
  the status again, so a change that was never announced (a lost message, a bulk edit,
  a worker still running older code) shows within that time. One waiting request reads
  the status at most ``1 + LIVE_WAIT_SECONDS / LIVE_RECHECK_SECONDS`` times, plus once
  per announcement (a submission changes state at most a handful of times).
- **Bounded waiting.** A wait ends after ``LIVE_WAIT_SECONDS`` ("still queued"; the page
  asks again at once). At most ``LIVE_MAX_WAITERS`` requests wait at a time, site-wide,
  and ``LIVE_MAX_WAITERS_PER_LEARNER`` for one learner (leases in a Redis sorted set, which expire on their own if a process dies holding
  one; a semaphore in-process); beyond that, and whenever the channel is unreachable,
  the endpoint answers at once and the page falls back to a short poll with back-off.
  A process that serves one request at a time (a gunicorn sync worker) never waits, as
  a waiting request would hold the whole process.
- **Announcing never fails the grade.** A publish that cannot reach Redis is logged and
  forgotten; the waiter's database check covers it.

Channel names carry a short hash of the database's name: Redis pub/sub is not divided
by Redis database number, and two sites (or test runs) sharing one Redis server must
not wake each other's waiters. A stray wake-up would cost only one status read.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .models import Submission

logger = logging.getLogger(__name__)


# -- channels --------------------------------------------------------------------------


class ChannelUnavailable(Exception):
    """The channel cannot be listened to right now (Redis unreachable)."""


class LocalChannel:
    """Announcements between threads of this process: ``make run`` and tests.

    Without Redis there are no workers: grading runs in the web process (in the request
    that posted the code, or a regrade from the admin), so this process is the only one
    that can change a submission while another of its threads waits.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[str, set[threading.Event]] = {}
        self._leases: dict[str, int] = {}

    def publish(self, name: str, message: str) -> None:
        with self._lock:
            for event in self._waiters.get(name, ()):
                event.set()

    @contextmanager
    def subscription(self, name: str) -> Iterator[LocalSubscription]:
        event = threading.Event()
        with self._lock:
            self._waiters.setdefault(name, set()).add(event)
        try:
            yield LocalSubscription(event)
        finally:
            with self._lock:
                waiting = self._waiters.get(name)
                if waiting is not None:
                    waiting.discard(event)
                    if not waiting:
                        del self._waiters[name]

    @contextmanager
    def lease(self, limit: int, scope: str = "site") -> Iterator[bool]:
        with self._lock:
            granted = self._leases.get(scope, 0) < limit
            if granted:
                self._leases[scope] = self._leases.get(scope, 0) + 1
        try:
            yield granted
        finally:
            if granted:
                with self._lock:
                    self._leases[scope] -= 1

    def listening(self, name: str) -> int:
        """How many waiters listen on ``name`` (for tests)."""
        with self._lock:
            return len(self._waiters.get(name, ()))


class LocalSubscription:
    def __init__(self, event: threading.Event) -> None:
        self._event = event

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; True if an announcement arrived."""
        announced = self._event.wait(max(0.0, timeout))
        self._event.clear()
        return announced


class RedisChannel:
    """Announcements through Redis pub/sub, between workers and web processes.

    One redis-py client per process (its pool reconnects after a fork); each waiting
    request takes one connection for its subscription and gives it back when done.
    """

    def __init__(self, url: str) -> None:
        import redis

        self._errors = (redis.RedisError, OSError)
        self._client = redis.Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=0
        )

    def publish(self, name: str, message: str) -> None:
        self._client.publish(name, message)

    @contextmanager
    def subscription(self, name: str) -> Iterator[RedisSubscription]:
        pubsub = self._client.pubsub()
        try:
            try:
                pubsub.subscribe(name)
                # Only once Redis has confirmed the subscription is a later publish sure
                # to reach it; the caller reads the status after this.
                confirmed = pubsub.get_message(timeout=2)
            except self._errors as exc:
                raise ChannelUnavailable(str(exc)) from exc
            if not confirmed or confirmed.get("type") != "subscribe":
                raise ChannelUnavailable("Redis did not confirm the subscription")
            yield RedisSubscription(pubsub, self._errors)
        finally:
            try:
                pubsub.close()
            except self._errors:
                pass

    @contextmanager
    def lease(self, limit: int, scope: str = "site") -> Iterator[bool]:
        """One of ``limit`` places to wait in ``scope`` (the site, or one learner), across
        every process: a member of a sorted set scored by when it was taken. A process
        that dies holding one leaves it behind; it is dropped once older than the
        longest wait."""
        key = f"{_prefix()}:waiters:{scope}"
        token = uuid.uuid4().hex
        now = time.time()
        stale = float(settings.LIVE_WAIT_SECONDS) + 30
        try:
            pipe = self._client.pipeline()
            pipe.zremrangebyscore(key, "-inf", now - stale)
            pipe.zadd(key, {token: now})
            pipe.zcard(key)
            pipe.expire(key, int(stale) + 1)
            _, _, count, _ = pipe.execute()
        except self._errors as exc:
            raise ChannelUnavailable(str(exc)) from exc
        granted = count <= limit
        try:
            yield granted
        finally:
            try:
                self._client.zrem(key, token)
            except self._errors:
                pass  # it expires with the rest


class RedisSubscription:
    def __init__(self, pubsub, errors) -> None:
        self._pubsub = pubsub
        self._errors = errors

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                message = self._pubsub.get_message(
                    ignore_subscribe_messages=True, timeout=remaining
                )
            except self._errors:
                # The connection dropped mid-wait: say "maybe", so the caller reads the
                # status now, then waits out its time without the channel.
                time.sleep(min(remaining, float(settings.LIVE_RECHECK_SECONDS)))
                return True
            if message is not None and message.get("type") == "message":
                return True


_channel_lock = threading.Lock()
_channel: LocalChannel | RedisChannel | None = None
_channel_url: str | None = None


def channel() -> LocalChannel | RedisChannel:
    """This process's channel: Redis when ``REDIS_URL`` is set, else in-process."""
    global _channel, _channel_url
    url = settings.REDIS_URL or ""
    with _channel_lock:
        if _channel is None or _channel_url != url:
            _channel = RedisChannel(url) if url else LocalChannel()
            _channel_url = url
        return _channel


def _prefix() -> str:
    database = str(connection.settings_dict.get("NAME") or "")
    return f"coursesite:live:{hashlib.sha256(database.encode()).hexdigest()[:10]}"


def channel_name(submission_id: int) -> str:
    return f"{_prefix()}:submission:{submission_id}"


# -- announcing ---------------------------------------------------------------------------


def submission_changed(*, submission_id: int, status: str) -> None:
    """Announce that a submission's status changed; call it after the change is
    committed. Never raises: a lost announcement is caught by the waiters' database
    check within ``LIVE_RECHECK_SECONDS``."""
    try:
        channel().publish(channel_name(submission_id), status)
    except Exception:  # an announcement must never fail the grade that caused it
        logger.warning(
            "Could not announce submission %s (%s); pages see it at their next check",
            submission_id,
            status,
            exc_info=True,
        )


# -- waiting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitOutcome:
    status: str | None  # None: no such submission of this learner's
    waited: bool  # False: answered at once (over the cap, waits off, channel down)


def _status(*, user, exercise_id: int, submission_id: int) -> str | None:
    # Filtered by owner and exercise: the first read is also the permission check.
    return (
        Submission.objects.filter(pk=submission_id, user=user, exercise_id=exercise_id)
        .order_by()
        .values_list("status", flat=True)
        .first()
    )


def submission_wait(
    *,
    user,
    exercise_id: int,
    submission_id: int,
    shown: str,
    can_wait: bool = True,
    timeout: float | None = None,
) -> WaitOutcome:
    """Wait until the learner's submission is no longer in the status ``shown``, for up
    to ``timeout`` seconds (``LIVE_WAIT_SECONDS``), and return its status then.

    Returns at once when it has already changed, when the submission is not this
    learner's (``status`` None), when ``shown`` is a finished status (a result does not
    change by waiting), when ``can_wait`` is false (a process that serves one request at
    a time), when ``LIVE_MAX_WAITERS`` are already waiting on the site or
    ``LIVE_MAX_WAITERS_PER_LEARNER`` for this learner (many tabs, or a script, cannot
    take every place), or when the channel cannot be reached; ``waited`` says which
    kind of answer it is, so the page knows whether to ask again at once or back off.
    """
    if not user.is_authenticated:
        return WaitOutcome(None, waited=False)
    timeout = float(settings.LIVE_WAIT_SECONDS if timeout is None else timeout)
    recheck = max(0.05, float(settings.LIVE_RECHECK_SECONDS))

    def read() -> str | None:
        return _status(user=user, exercise_id=exercise_id, submission_id=submission_id)

    if not can_wait or timeout <= 0 or shown in Submission.FINISHED:
        return WaitOutcome(read(), waited=False)
    live = channel()
    try:
        with (
            live.lease(settings.LIVE_MAX_WAITERS_PER_LEARNER, scope=f"learner:{user.pk}") as mine,
            live.lease(settings.LIVE_MAX_WAITERS) as anyone,
        ):
            if not (mine and anyone):
                return WaitOutcome(read(), waited=False)
            with live.subscription(channel_name(submission_id)) as subscription:
                status = read()
                deadline = time.monotonic() + timeout
                while status == shown:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    subscription.wait(min(recheck, remaining))
                    status = read()
                return WaitOutcome(status, waited=True)
    except ChannelUnavailable as exc:
        logger.warning("Live results are unavailable (%s); pages fall back to polling", exc)
        return WaitOutcome(read(), waited=False)
