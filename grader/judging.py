"""Decode and judge one run's results in a forked child with its own CPU and memory limits.

The frame is written by learner code, and reading it is work the trusted worker does:
parsing up to ``GRADER_RESULT_BYTES`` of JSON, rebuilding the values, and running the
exercise's checks on them. The codec bounds what it can see coming (sets and dicts,
see :mod:`grader.codec`), but pandas and the checks hash and compare values in C code
the codec does not control. So that no frame can stall a worker, whatever it holds,
this module does the whole of ``result.build`` in a child process:

* ``RLIMIT_CPU`` of ``GRADER_JUDGE_SECONDS`` (the kernel stops the child, even inside
  one long C call; a deadline checked in Python could not), and a wall-clock deadline
  of twice that plus a few seconds for a machine that is busy;
* ``RLIMIT_AS`` of the worker's current address space plus ``GRADER_JUDGE_MEMORY_MB``,
  so a value that inflates when rebuilt cannot take the worker's memory. The child may
  also fill memory the worker freed but kept mapped (its heap is inherited), so what it
  can use is bounded by the worker's own size plus the setting, not by the setting alone.

``RLIMIT_CPU`` in the worker itself is not an option: it counts the whole process, for
its whole life. The child is made with ``fork()``, so it starts with the exercise, its
cases and expected values already loaded; it writes the result back as strict JSON
(``allow_nan=False``) and ends with ``os._exit`` without touching anything it inherited.
A child that hits a limit gives the learner an ``error`` result that says their values
were too costly to check; a bug in the grader raises :class:`GraderError` in the worker
as it would have without the child.

Forking a worker that has NumPy and pandas loaded cost 13-20 ms on the loaded two-core
machine this was measured on (1.3 ms for a bare interpreter), so frames of at most
``INLINE_FRAME_BYTES`` are judged in the worker itself: such a frame holds at most about
30,000 items, and the worst known case that fits, 2,870 ints sharing one hash in a set,
took 0.2 s to decode even without the codec's bounds (which now refuse it at once).
Every honest frame of the curriculum is under 40 KB. Either way the result must
serialise as strict JSON; one that does not becomes an ``error`` result, logged.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import resource
import select
import signal
import time
import traceback

from grader import codec, config, result
from grader.errors import GraderError
from grader.schema import ERROR, Result

UNSTORABLE = (
    "The grader could not record the result of your code, so it was not graded. This is a "
    "problem on our side; staff have been told."
)
_MEMORY = 3  # the child's exit status when it ran out of memory
_CRASH = 4  # ... when result.build raised: the message follows on the pipe
_READ_CHUNK = 1 << 16
INLINE_FRAME_BYTES = 64 * 1024


def build(exercise, cases, run, *, visible_only: bool) -> Result:
    """``result.build(...)``, computed under the judging limits."""
    if len(run.frame) <= INLINE_FRAME_BYTES:
        return storable(result.build(exercise, cases, run, visible_only=visible_only))
    cpu = max(1, config.get("GRADER_JUDGE_SECONDS"))
    memory = config.get("GRADER_JUDGE_MEMORY_MB") * 1024 * 1024
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(
            write_fd,
            cpu,
            memory,
            lambda: result.build(exercise, cases, run, visible_only=visible_only),
        )
    os.close(write_fd)
    try:
        data, status = _collect(pid, read_fd, deadline=time.monotonic() + 2 * cpu + 5)
    finally:
        os.close(read_fd)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        try:
            return codec.parse_json(data)
        except codec.DecodeError:
            raise GraderError("the judging process sent back a damaged result") from None
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _CRASH:
        raise GraderError(f"judging failed: {data.decode('utf-8', 'replace')}")
    limit = (
        "judge_memory" if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _MEMORY else "judge"
    )
    config.logger.warning(
        "Judging a run's results hit its %s limit (%s); the submission gets an error",
        "memory" if limit == "judge_memory" else "CPU time",
        _describe(status),
    )
    stopped = dataclasses.replace(run, limit_hit=limit)
    return result.build(exercise, cases, stopped, visible_only=visible_only)


def _child(write_fd, cpu: int, memory: int, work) -> None:
    status = 0
    try:
        gc.freeze()  # the inherited objects stay shared: collections skip them
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        if memory:
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            soft = _address_space() + memory
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        data = _strict_json(storable(work()))
    except MemoryError:
        data, status = b"", _MEMORY
    except BaseException:
        data, status = traceback.format_exc(limit=8).encode("utf-8", "replace"), _CRASH
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view) :]
    finally:
        os._exit(status)


def _strict_json(outcome) -> bytes:
    return json.dumps(outcome, allow_nan=False, separators=(",", ":")).encode()


def storable(outcome: Result) -> Result:
    """``outcome`` if it serialises as strict JSON, else an ``error`` result saying so.

    A result with NaN, an infinity or a non-JSON value in it could not be stored, and a
    submission whose result cannot be stored would be graded again and again.
    """
    try:
        _strict_json(outcome)
    except (ValueError, TypeError) as exc:
        config.logger.error("A grading result is not strict JSON, recorded as an error: %s", exc)
        return {
            **outcome,
            "status": ERROR,
            "score": 0,
            "pass_mark_met": False,
            "error": UNSTORABLE,
            "error_line": None,
            "tests": [],
            "timings": {"run_seconds": outcome["timings"]["run_seconds"], "tests_seconds": None},
        }
    return outcome


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _collect(pid: int, fd: int, *, deadline: float) -> tuple[bytes, int]:
    """Read the child's answer until it closes the pipe, then reap it; past the deadline
    (or if the caller is interrupted, e.g. by a task time limit) the child is killed."""
    chunks = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, _READ_CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks), status


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"stopped by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"
