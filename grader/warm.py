"""One warm sandbox: started ahead of time, used for exactly one submission, then gone.

A warm sandbox is the cold one of :mod:`grader.sandbox`, made the same way (its own
slot and uid, its own run cgroup with the whole memory budget, its own namespaces, the
same seccomp filters, mounts and private /tmp), except for three things:

* the learner's file is not there yet. ``/code`` is an empty read-only folder, bound
  from a private host folder; the submission is written into it when it arrives. Until
  then the sandbox has no learner code and no case data of any kind: its stdin is empty
  and nothing but the runner has run in it.
* the runner has already imported the library set (``numpy``, ``pandas``, ...) and waits
  on stdin. Its first line is the arrival: from then on the wall limit runs (the same
  ``time_limit`` as cold, measured from the moment the file is written) and the runner
  sets RLIMIT_CPU to the CPU it has used so far plus the same budget a cold run gets, so
  neither the imports nor the wait eat the learner's time. In user-namespace mode,
  RLIMIT_NPROC is set at arrival too, from the processes that exist then (as cold does
  at its start), not counting the sandbox's own.
* **memory**: the budget is the cold run's, set when the sandbox is made and kept: the
  run cgroup's ``GRADER_MEMORY_MB`` and RLIMIT_AS include what the imports hold, exactly
  as a cold run's budget includes the same imports done by the learner's code. A cold
  run that never imports an allowed library has that much more headroom; a warm one
  holds it either way (measured here: about 15 MB for NumPy, 50 MB with pandas, 115 MB
  with pandas and scikit-learn's submodules, out of 1024 MB by default).

Before running any learner code the runner writes ARRIVED on its result channel. A
sandbox that died while waiting (killed, recycled, out of memory) never writes it, so the
caller knows no learner code ran and grades the submission cold instead
(:class:`Lost`). After its one run the sandbox is killed as a whole, its cgroup and
folder removed, its slot released: nothing in it is ever used again.

The process that starts a warm sandbox is its parent for ``--die-with-parent``, which
Linux ties to the starting *thread*: start them from a thread that lives as long as
they may (the pool's own, :mod:`grader.pool`).
"""

from __future__ import annotations

import json
import os
import selectors
import tempfile
import time
from contextlib import ExitStack

from grader import bwrap as bwrap_finder
from grader import cgroups, config, sandbox, seccomp
from grader.errors import SandboxUnavailable
from grader.runner import ARRIVED, WARM

# What a warm sandbox imports for each library it binds: the package, and for
# scikit-learn the submodules the curriculum uses (importing them is most of its cost).
WARM_IMPORTS = {
    "numpy": ("numpy",),
    "pandas": ("pandas",),
    "sklearn": tuple(
        f"sklearn.{name}"
        for name in (
            "base compose datasets decomposition dummy impute linear_model metrics "
            "model_selection neighbors pipeline preprocessing tree"
        ).split()
    ),
}


def warm_imports(libraries) -> list[str]:
    """The modules a warm sandbox for ``libraries`` imports while it waits."""
    return [name for lib in sorted(set(libraries)) for name in WARM_IMPORTS.get(lib, (lib,))]


WARM_START_SECONDS = 60  # how long the imports may take before the start counts as failed
STARTED = sandbox.READY + WARM  # what a warm runner writes once it is waiting


class Lost(Exception):
    """The warm sandbox was gone before the submission reached it: grade it cold."""


class WarmSandbox:
    """A started, waiting sandbox for one library set. Use :meth:`start`, then :meth:`run`
    once, or :meth:`close` to recycle it."""

    def __init__(self, libraries, stack, proc, cgroup, code_dir, uid):
        self.libraries = tuple(libraries)
        self._stack, self.proc, self._cgroup = stack, proc, cgroup
        self.code_dir, self._uid = code_dir, uid
        self.warm_since = time.monotonic()
        self.closed = False

    # --- making one ---------------------------------------------------------------------

    @classmethod
    def start(cls, libraries, *, slot_wait: float = 0) -> WarmSandbox:
        """Start one and wait until its libraries are imported.

        Raises :class:`sandbox.NoFreeSlot` when no slot is free (``slot_wait=0``) and
        SandboxUnavailable when no sandbox can be made or it failed to warm up.
        """
        if config.unsafe_no_sandbox():
            raise SandboxUnavailable("warm sandboxes are never made without a sandbox")
        libraries = tuple(sorted(set(libraries)))
        bwrap = bwrap_finder.find().path
        program = seccomp.sandbox_program()
        stack = ExitStack()
        try:
            number = stack.enter_context(sandbox.slot(wait=slot_wait))
            cgroup = stack.enter_context(cgroups.for_run(number))
            workdir = stack.enter_context(tempfile.TemporaryDirectory(prefix="grader-warm-"))
            code_dir = os.path.join(workdir, "code")  # workdir stays 0700 on the host
            os.mkdir(code_dir)
            os.chmod(code_dir, 0o755)  # the slot uid must read the submission in it
            uid = config.get("GRADER_UID_BASE") + number if sandbox.root_mode() else None
            if uid is not None:
                stack.callback(sandbox._kill_uid, uid)
            with seccomp.program_fd(program) as filter_fd:
                argv = sandbox.bwrap_command(
                    bwrap,
                    code_dir,
                    libraries,
                    1,
                    uid,
                    filter_fd,
                    warm_imports=warm_imports(libraries),
                )
                if cgroup is not None:
                    argv = cgroup.wrap(argv)
                proc = sandbox.spawn(argv, pass_fds=(filter_fd,))
                stack.callback(_reap, proc)
                _wait_until_warm(proc)
        except BaseException:
            stack.close()
            raise
        return cls(libraries, stack, proc, cgroup, code_dir, uid)

    # --- state --------------------------------------------------------------------------

    def alive(self) -> bool:
        return not self.closed and self.proc.poll() is None

    def idle_seconds(self) -> float:
        return time.monotonic() - self.warm_since

    def memory_bytes(self) -> int:
        """What the waiting sandbox holds: its cgroup's charge, else its processes' RSS."""
        if self._cgroup is not None:
            charged = self._cgroup.current_bytes()
            if charged is not None:
                return charged
        return _tree_rss(self.proc.pid)

    # --- using it -----------------------------------------------------------------------

    def run(
        self, code: str, payload: bytes, *, time_limit: float, held_back: bytes = b""
    ) -> sandbox.RunResult:
        """Grade one submission in it, then destroy it (whatever happens).

        Raises :class:`Lost` when it had died before the submission reached it.
        """
        if self.closed:
            raise Lost("this warm sandbox was already used or recycled")
        try:
            started = time.monotonic()  # the learner's limits count from here
            path = os.path.join(self.code_dir, "submission.py")
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(code)
            os.chmod(path, 0o644)
            arrival = {"cpu": sandbox.cpu_limit(time_limit)}
            if self._uid is None:  # user namespace: RLIMIT_NPROC as a cold start counts it
                others = sandbox._tasks_owned_by(os.getuid(), besides=self.proc.pid)
                arrival["nproc"] = config.get("GRADER_MAX_PROCESSES") + others
            line = json.dumps(arrival).encode() + b"\n"
            cgroup = self._cgroup
            try:
                result = sandbox.finish(
                    self.proc,
                    line + payload,
                    time_limit,
                    started=started,
                    sandboxed=True,
                    held_back=held_back,
                    oom_killed=cgroup.oom_killed if cgroup is not None else None,
                    ready=ARRIVED,
                )
            except SandboxUnavailable as exc:
                raise Lost(str(exc)) from exc
            if cgroup is not None:
                result.memory_peak_bytes = cgroup.peak_bytes()
                if cgroup.oom_killed():
                    result.limit_hit = "memory"
            return result
        finally:
            self.close()

    def close(self) -> None:
        """Kill it and release its slot, cgroup and folder (idempotent)."""
        if self.closed:
            return
        self.closed = True
        self._stack.close()


def _wait_until_warm(proc) -> None:
    """Read the runner's first bytes; raise SandboxUnavailable unless it is waiting warm."""
    got = b""
    deadline = time.monotonic() + WARM_START_SECONDS
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while len(got) < len(STARTED):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(timeout=remaining):
                break
            chunk = os.read(proc.stdout.fileno(), len(STARTED) - len(got))
            if not chunk:
                break
            got += chunk
    if got == STARTED:
        return
    sandbox._kill_tree(proc)
    proc.wait()
    detail = proc.stderr.read(2000).decode("utf-8", "replace").strip()
    raise SandboxUnavailable(
        "A warm sandbox could not be started"
        + (f": {detail}" if detail else f" (exit status {proc.returncode})")
        + f". {bwrap_finder.INSTALL_HINT}"
    )


def _reap(proc) -> None:
    if proc.poll() is None:
        sandbox._kill_tree(proc)
    proc.wait()
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        try:
            pipe.close()
        except OSError:
            pass


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and its descendants (for a sandbox with no cgroup)."""
    parents, rss = {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
            parents[int(entry.name)] = int(fields["PPid"])
            rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
        except (OSError, KeyError, ValueError):
            continue
    total = 0
    for pid in rss:
        ancestor, seen = pid, 0
        while ancestor in parents and ancestor != root and seen < 64:
            ancestor, seen = parents[ancestor], seen + 1
        if ancestor == root:
            total += rss[pid]
    return total
