"""A pool of warm, single-use sandboxes per library set, kept full in the background.

One pool per process that grades (:func:`start`; a Celery worker starts one in each of
its child processes). For each library set with a size above zero it keeps that many
:class:`~grader.warm.WarmSandbox` waiting, started by one thread of its own (their
``--die-with-parent`` parent), and:

* **hands each out once** (:func:`run` takes one for the exercise's exact library set;
  the pool starts a replacement at once). A set that matches no pool, an empty pool, or
  a warm sandbox that died while waiting means a cold start instead: the learner gets
  the same verdict either way, only later.
* **recycles** a sandbox that has waited ``GRADER_POOL_IDLE_SECONDS``, and one that died
  (killed, out of memory) while waiting, and starts a fresh one.
* **stays under a memory ceiling**: the warm sandboxes together never hold more than
  ``GRADER_POOL_MEMORY_MB``. Each one's charge is measured once it is waiting (its run
  cgroup's, else its processes' resident memory) and remembered per set, so the next is
  started only when it fits; a set's real size is its setting or what fits, whichever
  is smaller. Sets are filled in turn, one sandbox each, so a big set cannot starve a
  small one.
* **never competes with a submission**: it starts no sandbox while its process is
  grading (a warm-up's imports would take CPU from a run whose wall limit is running;
  pools of other processes still may), starts one only when a slot is free at once, and
  gives one of its own back (the one that has waited longest) when a cold start finds
  every slot taken.

Every slot a warm sandbox holds is a real uid and a cgroup, so a machine needs, per
grading process, the pool's total size plus one running submission in ``GRADER_SLOTS``
(README: "Warm sandboxes").
"""

from __future__ import annotations

import collections
import threading
import time

from grader import cgroups, config, sandbox, warm
from grader.errors import SandboxUnavailable

# setting: the library set it sizes (an exercise's libraries must match one exactly)
SETS: dict[str, frozenset[str]] = {
    "GRADER_POOL_NUMPY": frozenset({"numpy"}),
    "GRADER_POOL_PANDAS": frozenset({"numpy", "pandas"}),
    "GRADER_POOL_SKLEARN": frozenset({"numpy", "pandas", "sklearn"}),
    "GRADER_POOL_NUMPY_SKLEARN": frozenset({"numpy", "sklearn"}),
}
TEND_SECONDS = 0.5  # how often the pool looks for dead or stale sandboxes when idle
RETRY_SECONDS = 5.0  # after a set failed to warm up, how long before trying it again


class Pool:
    """Warm sandboxes per library set; :meth:`start` its thread, :meth:`stop` at exit."""

    def __init__(self, sizes: dict[frozenset, int], *, memory_bytes: int, idle_seconds: float):
        self.sizes = {key: size for key, size in sizes.items() if size > 0}
        self.memory_bytes, self.idle_seconds = memory_bytes, idle_seconds
        self._warm: dict[frozenset, collections.deque] = {
            k: collections.deque() for k in self.sizes
        }
        self._estimate: dict[frozenset, int] = {}  # measured bytes of one waiting sandbox
        self._failed_at: dict[frozenset, float] = {}
        self._lock = threading.Condition()
        self._paused = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.counts = collections.Counter()  # started, handed_out, recycled, died, failed

    @classmethod
    def from_config(cls) -> Pool:
        return cls(
            {key: config.get(name) for name, key in SETS.items()},
            memory_bytes=config.get("GRADER_POOL_MEMORY_MB") * 1024 * 1024,
            idle_seconds=config.get("GRADER_POOL_IDLE_SECONDS"),
        )

    # --- life -----------------------------------------------------------------------

    def start(self) -> Pool:
        if self.sizes and self._thread is None:
            cgroups.remove_leftovers()  # a previous worker in this place may have been killed
            self._thread = threading.Thread(target=self._loop, name="grader-pool", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop refilling and destroy every waiting sandbox."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            for queue in self._warm.values():
                while queue:
                    queue.popleft().close()

    def _loop(self) -> None:
        while True:
            with self._lock:
                if self._stopping:
                    return
            try:
                started = self._tend()
            except Exception:  # the pool must outlive any one failure; grading falls back
                config.logger.exception("the warm sandbox pool failed to tend itself")
                started = False
            with self._lock:
                if not started and not self._stopping:
                    self._lock.wait(TEND_SECONDS)

    # --- keeping it full --------------------------------------------------------------

    def _tend(self) -> bool:
        """Recycle dead and stale sandboxes, then start at most one; True if it did."""
        with self._lock:
            for queue in self._warm.values():
                for box in list(queue):
                    if not box.alive():
                        queue.remove(box)
                        self.counts["died"] += 1
                        box.close()
                    elif box.idle_seconds() > self.idle_seconds:
                        queue.remove(box)
                        self.counts["recycled"] += 1
                        box.close()
            if self._paused or self._stopping:
                return False
            key = self._next_to_fill()
        if key is None:
            return False
        try:
            box = warm.WarmSandbox.start(key, slot_wait=0)
        except sandbox.NoFreeSlot:
            return False
        except SandboxUnavailable as exc:
            config.logger.warning(
                "cannot start a warm sandbox for %s: %s", "+".join(sorted(key)), exc
            )
            self._failed_at[key] = time.monotonic()
            self.counts["failed"] += 1
            return False
        held = box.memory_bytes()
        with self._lock:
            self._estimate[key] = max(held, self._estimate.get(key, 0))
            if self._stopping or self._held_bytes() + held > self.memory_bytes:
                box.close()  # it does not fit after all; the estimate now says so
                return False
            self._warm[key].append(box)
            self.counts["started"] += 1
            self._lock.notify_all()
        return True

    def _held_bytes(self) -> int:
        return sum(self._estimate.get(key, 0) * len(queue) for key, queue in self._warm.items())

    def _next_to_fill(self) -> frozenset | None:
        """The set furthest below its size (relative), among those that would fit."""
        now, best, best_fill = time.monotonic(), None, None
        held = self._held_bytes()
        for key, size in self.sizes.items():
            count = len(self._warm[key])
            if count >= size or now - self._failed_at.get(key, -RETRY_SECONDS) < RETRY_SECONDS:
                continue
            if held + self._estimate.get(key, 0) > self.memory_bytes:
                continue
            fill = count / size
            if best_fill is None or fill < best_fill:
                best, best_fill = key, fill
        return best

    # --- handing out --------------------------------------------------------------------

    def take(self, libraries) -> warm.WarmSandbox | None:
        """A waiting sandbox for exactly these libraries, or None; it is the caller's now."""
        key = frozenset(libraries)
        with self._lock:
            queue = self._warm.get(key)
            while queue:
                box = queue.popleft()
                self._lock.notify_all()  # start its replacement
                if box.alive() and box.idle_seconds() <= self.idle_seconds:
                    self.counts["handed_out"] += 1
                    return box
                self.counts["died"] += 1
                box.close()
        return None

    def give_back_slot(self) -> bool:
        """Destroy the sandbox that has waited longest, freeing its slot; False if none."""
        with self._lock:
            queues = [q for q in self._warm.values() if q]
            if not queues:
                return False
            oldest = min(queues, key=lambda q: q[0].warm_since)
            self.counts["recycled"] += 1
            oldest.popleft().close()
            return True

    def paused(self):
        """While in force, the pool starts nothing (this process is grading)."""
        pool = self

        class _Paused:
            def __enter__(self):
                with pool._lock:
                    pool._paused += 1

            def __exit__(self, *exc):
                with pool._lock:
                    pool._paused -= 1
                    pool._lock.notify_all()

        return _Paused()

    def status(self) -> dict:
        """Waiting sandboxes per set and the memory they hold, for logs and benchmarks."""
        with self._lock:
            return {
                "+".join(sorted(key)): {
                    "waiting": len(self._warm[key]),
                    "size": size,
                    "bytes_each": self._estimate.get(key),
                }
                for key, size in self.sizes.items()
            } | {"held_bytes": self._held_bytes(), "counts": dict(self.counts)}

    def wait_full(self, timeout: float) -> bool:
        """Block until every set is at its size or as full as memory allows (benchmarks)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._next_to_fill() is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(min(remaining, TEND_SECONDS))
        return True


class OnDemand:
    """Not a pool: every grade starts a warm sandbox of its own and uses it at once.

    Nothing is kept waiting, so it is no faster than a cold start; it sends every grade
    through the warm path (arrival, limits from arrival, ARRIVED), whatever its library
    set, which is how the grader suite and ``check_exercises --warm`` prove that warm
    and cold grading give the same verdicts.
    """

    def take(self, libraries) -> warm.WarmSandbox:
        return warm.WarmSandbox.start(libraries, slot_wait=sandbox.SLOT_WAIT_SECONDS)

    def give_back_slot(self) -> bool:
        return False

    def paused(self):
        import contextlib

        return contextlib.nullcontext()

    def stop(self) -> None:
        pass


_active: Pool | OnDemand | None = None
_active_lock = threading.Lock()


def start(pool: Pool | OnDemand | None = None) -> Pool | OnDemand | None:
    """Make ``pool`` (default: one sized by the settings) this process's; None if all
    sizes are zero. Replaces and stops any pool started before."""
    global _active
    pool = pool if pool is not None else Pool.from_config()
    if isinstance(pool, Pool) and not pool.sizes:
        pool = None
    with _active_lock:
        previous, _active = _active, pool
    if previous is not None:
        previous.stop()
    if isinstance(pool, Pool):
        pool.start()
    return pool


def stop() -> None:
    """Stop this process's pool (at exit: a sandbox handed out dies with the pool's thread)."""
    global _active
    with _active_lock:
        previous, _active = _active, None
    if previous is not None:
        previous.stop()


def active() -> Pool | OnDemand | None:
    return _active


def run(
    code: str, payload: bytes, *, time_limit: float, libraries=(), held_back: bytes = b""
) -> sandbox.RunResult:
    """:func:`sandbox.run`, through a warm sandbox when this process's pool has one."""
    pool = _active
    if pool is None or config.unsafe_no_sandbox():
        return sandbox.run(
            code, payload, time_limit=time_limit, libraries=libraries, held_back=held_back
        )
    # No refill starts while this process grades: a warm-up's imports would take CPU from
    # the submission being graded, whose wall limit is running (measured: on a saturated
    # machine, back-to-back cold runs beside a refill went over their time limit).
    with pool.paused():
        return _run_pooled(pool, code, payload, time_limit, libraries, held_back)


def _run_pooled(pool, code, payload, time_limit, libraries, held_back) -> sandbox.RunResult:
    box = pool.take(libraries)
    if box is not None:
        try:
            return box.run(code, payload, time_limit=time_limit, held_back=held_back)
        except warm.Lost as exc:
            config.logger.warning("a warm sandbox was gone on arrival, grading cold: %s", exc)
    try:  # cold, never queueing behind the pool's own slots
        return sandbox.run(
            code,
            payload,
            time_limit=time_limit,
            libraries=libraries,
            held_back=held_back,
            slot_wait=0,
        )
    except sandbox.NoFreeSlot:
        pool.give_back_slot()
    return sandbox.run(
        code, payload, time_limit=time_limit, libraries=libraries, held_back=held_back
    )
