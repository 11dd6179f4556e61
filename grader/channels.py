"""The trusted side of one run's pipes: inputs in, the result frames and output out.

The sandbox's stdin carries the inputs in two parts (:mod:`grader.draws`). The first
(the visible cases) is written at once. The second (the hidden cases) is **held back**
until the runner has written its first frame, a line on the result channel; at that
moment the output pipe is drained of everything already written and the output is
closed: what arrives after it is read (so the sandbox never blocks) and counted against
the flood limit, but never kept. Only then is the second part written. A write to a
pipe has landed in the pipe before the writer's next write starts, so everything printed
before the first frame is in the drained output, and nothing printed after the hidden
inputs exist can be in it, whatever the learner's code does to the runner or the pipes.
"""

from __future__ import annotations

import fcntl
import os
import selectors
import time
from dataclasses import dataclass, field

READ_CHUNK = 65536


@dataclass
class Collected:
    frames: bytearray = field(default_factory=bytearray)  # READY, then the frame lines
    output: bytearray = field(default_factory=bytearray)  # kept output (visible part)
    output_total: int = 0  # every byte of output, kept or not
    withheld: int = 0  # output bytes that arrived after the output was closed
    limit_hit: str | None = None


def _nonblocking(fd: int) -> None:
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)


class _Run:
    def __init__(self, proc, payload, held_back, *, ready, output_cap, result_cap):
        self.proc, self.ready = proc, ready
        self.output_cap, self.result_cap = output_cap, result_cap
        self.pending = bytearray(payload)
        self.held_back = held_back
        self.closed = False  # the output is closed and the held-back part released
        self.got = Collected()
        self.selector = selectors.DefaultSelector()

    # --- stdin ---------------------------------------------------------------------

    def _stdin_wanted(self):
        stdin = self.proc.stdin
        if stdin.closed:
            return
        registered = self._registered(stdin)
        if self.pending and not registered:
            self.selector.register(stdin, selectors.EVENT_WRITE, "stdin")
        elif not self.pending:
            if registered:
                self.selector.unregister(stdin)
            if self.closed:  # both parts written: the runner sees the end of its input
                stdin.close()

    def _registered(self, fileobj):
        try:
            self.selector.get_key(fileobj)
        except KeyError:
            return False
        return True

    def _write_stdin(self):
        try:
            written = os.write(self.proc.stdin.fileno(), self.pending[:READ_CHUNK])
        except BlockingIOError:
            return
        except (BrokenPipeError, OSError):  # the sandbox stopped reading: nothing to send
            written = len(self.pending)
        del self.pending[:written]
        self._stdin_wanted()

    # --- output and frames -----------------------------------------------------------

    def _take_output(self, chunk: bytes):
        got = self.got
        got.output_total += len(chunk)
        if self.closed:
            got.withheld += len(chunk)
        elif len(got.output) < self.output_cap:
            got.output += chunk[: self.output_cap - len(got.output)]
        if got.output_total > 2 * self.output_cap + 4096:
            got.limit_hit = "output"

    def _close_output(self):
        """Keep what was printed before the first frame; from now on keep nothing."""
        fd = self.proc.stderr.fileno()
        while self.got.limit_hit is None:  # a flood ends the drain (and the run)
            try:
                chunk = os.read(fd, READ_CHUNK)
            except BlockingIOError:
                break
            if not chunk:
                break
            self._take_output(chunk)
        self.closed = True
        self.pending += self.held_back
        self._stdin_wanted()

    def _take_frame(self, chunk: bytes):
        got = self.got
        got.frames += chunk
        if len(got.frames) > self.result_cap + len(self.ready) + 1:
            got.limit_hit = "result"
        if (
            not self.closed
            and got.frames.startswith(self.ready)
            and b"\n" in got.frames[len(self.ready) :]
        ):
            self._close_output()

    # --- the loop ----------------------------------------------------------------------

    def collect(self, deadline: float, oom_killed=None, oom_poll: float = 0.1) -> Collected:
        proc, got = self.proc, self.got
        _nonblocking(proc.stdin.fileno())
        _nonblocking(proc.stderr.fileno())
        with self.selector:
            self.selector.register(proc.stdout, selectors.EVENT_READ, "frame")
            self.selector.register(proc.stderr, selectors.EVENT_READ, "output")
            self._stdin_wanted()
            while got.limit_hit is None and self._reading():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    got.limit_hit = "time"
                    break
                if oom_killed is not None and oom_killed():
                    got.limit_hit = "memory"  # no need to wait for the rest of the run to notice
                    break
                wait = remaining if oom_killed is None else min(remaining, oom_poll)
                for key, _ in self.selector.select(timeout=wait):
                    if key.data == "stdin":
                        self._write_stdin()
                        continue
                    try:
                        chunk = os.read(key.fd, READ_CHUNK)
                    except BlockingIOError:
                        continue
                    if not chunk:
                        self.selector.unregister(key.fileobj)
                    elif key.data == "frame":
                        self._take_frame(chunk)
                    else:
                        self._take_output(chunk)
        if not proc.stdin.closed:
            proc.stdin.close()
        return got

    def _reading(self) -> bool:
        keys = self.selector.get_map().values()
        return any(key.data != "stdin" for key in keys)


def collect(
    proc,
    payload: bytes,
    held_back: bytes,
    *,
    deadline,
    ready,
    output_cap,
    result_cap,
    oom_killed=None,
    oom_poll: float = 0.1,
):
    """Feed ``proc`` its inputs and gather its frames and output until both pipes end, or
    a limit stops the run; ``oom_killed()`` (the run cgroup's, polled every ``oom_poll``
    seconds) stops it as soon as the kernel has killed a process for memory."""
    run = _Run(proc, payload, held_back, ready=ready, output_cap=output_cap, result_cap=result_cap)
    return run.collect(deadline, oom_killed, oom_poll)


def split_frames(frames: bytes, ready: bytes) -> tuple[bytes, bytes]:
    """(the visible cases' frame line, everything after it) from what the runner wrote."""
    body = frames[len(ready) :] if frames.startswith(ready) else frames
    first, newline, rest = body.partition(b"\n")
    return first + newline, rest
