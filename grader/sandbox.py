"""Run the runner in a bubblewrap sandbox and collect what it says, within limits.

Two modes, chosen automatically:

* **root** (the usual worker on a server): bubblewrap runs without a user namespace and
  keeps only the capabilities the runner needs to mount a size- and inode-capped /tmp and
  to drop to the slot's real unprivileged uid (``GRADER_UID_BASE + slot``); the runner
  then clears every capability before any learner code exists. A real, non-root host uid
  is what makes RLIMIT_NPROC hold, and a distinct uid per slot keeps concurrent runs from
  signalling or starving each other.
* **user namespace** (the worker is an ordinary user): bubblewrap maps the user into a
  fresh user namespace and forbids nested user namespaces; the runner keeps
  CAP_SYS_ADMIN there only to mount its capped /tmp, then clears every capability.

Either way: new PID, network, IPC and UTS namespaces (so no listener on 127.0.0.1 is
reachable and no host process is visible), an empty environment (bwrap itself starts with
one, so ``/proc/1/environ`` is empty too), read-only binds of only the interpreter, the
exercise's libraries, the runner and the learner's file (all listed by
:mod:`grader.mounts`), a read-only root and /dev, a private writable /tmp capped in
bytes and inodes and mounted noexec, and one cgroup per run (:mod:`grader.cgroups`)
holding bwrap and everything below it to one memory and process budget.
A seccomp filter refuses the system calls listed in :mod:`grader.seccomp` in both modes:
bubblewrap loads one (``--seccomp``), and the runner stacks a second after its prologue.
On a timeout the outer bwrap is killed; ``--die-with-parent`` then kills the sandbox's
PID 1 and the kernel kills every process left in its PID namespace, ``setsid`` or not.
"""

from __future__ import annotations

import fcntl
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from grader import bwrap as bwrap_finder
from grader import cgroups, channels, config, mounts, seccomp
from grader.bwrap import INSTALL_HINT
from grader.errors import SandboxUnavailable
from grader.mounts import BOX_CODE, BOX_GRADER, BOX_PYTHON_DIR, BOX_SITE, RUNNER, library_entries

READY = b"R"  # the runner's first byte: privileges dropped and limits set
SLOT_WAIT_SECONDS = 60
OOM_POLL_SECONDS = 0.1  # how soon a run whose memory ran out is stopped


@dataclass
class RunResult:
    """What came out of one sandboxed run (raw; grading interprets it)."""

    frame: bytes
    output: bytes
    output_truncated: bool
    limit_hit: str | None  # "time", "output", "result" or "memory" when the run was stopped
    returncode: int | None
    seconds: float
    sandboxed: bool
    memory_peak_bytes: int | None = None  # the run cgroup's high-water mark, when known
    # The runner's second frame (the hidden cases), written after the output was closed.
    hidden_frame: bytes = b""
    output_withheld: bool = False  # something was printed after the output was closed


# --- slots -----------------------------------------------------------------------------


SLOT_DIR = "/run/coursesite-grader-slots"  # root mode; GRADER_SLOT_DIR overrides it


def _lock_dir() -> Path:
    """The folder of slot locks, checked to be private to this user.

    Root mode: one folder for the whole host, because a slot is a real host uid. Workers
    with private temp folders (systemd ``PrivateTmp``, one container per worker) must
    still see each other's locks, or two learners run as one uid at once and one run's
    clean-up (``_kill_uid``) kills the other's sandbox. Containers that share the host's
    uids must bind the same host folder at ``GRADER_SLOT_DIR``, or use disjoint
    ``GRADER_UID_BASE`` ranges. User-namespace mode has no host uid to collide on (the
    learner is uid 65534 of a namespace of its own, mapped to the worker's own uid, and
    nothing is killed by uid), so there the locks only bound concurrency, per temp folder.
    """
    if root_mode():
        path = Path(config.text("GRADER_SLOT_DIR") or SLOT_DIR)
    else:
        path = Path(tempfile.gettempdir()) / f"grader-slots-{os.geteuid()}"
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise SandboxUnavailable(
            f"cannot make the slot lock folder {path} ({exc}); set GRADER_SLOT_DIR"
        ) from exc
    info = path.lstat()
    if (
        not path.is_dir()
        or path.is_symlink()
        or info.st_uid != os.geteuid()
        or info.st_mode & 0o022
    ):
        raise SandboxUnavailable(f"the slot lock folder {path} is not a private folder")
    return path


def _lock_name(number: int) -> str:
    """Root mode locks the uid itself, so workers with other uid bases never wait on it."""
    if root_mode():
        return f"uid-{config.get('GRADER_UID_BASE') + number}.lock"
    return f"slot-{number}.lock"


class NoFreeSlot(SandboxUnavailable):
    """Every slot is busy (only when asked not to wait)."""


@contextmanager
def slot(wait: float = SLOT_WAIT_SECONDS):
    """Hold one of GRADER_SLOTS slots (an flock per slot) for the length of a run.

    In root mode a slot whose uid still owns processes is skipped: some worker that does
    not share this lock folder is running a sandbox as that uid. ``wait=0`` tries each
    slot once and raises :class:`NoFreeSlot` when none is free (a warm pool never queues
    for a slot a submission could use).
    """
    count = max(1, config.get("GRADER_SLOTS"))
    directory = _lock_dir()
    deadline = time.monotonic() + wait
    while True:
        for number in range(count):
            fd = os.open(
                directory / _lock_name(number), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600
            )
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            if root_mode() and _uid_has_processes(config.get("GRADER_UID_BASE") + number):
                os.close(fd)
                continue
            try:
                yield number
            finally:
                os.close(fd)
            return
        if wait <= 0:
            raise NoFreeSlot(f"all {count} grading slots are busy")
        if time.monotonic() > deadline:
            raise SandboxUnavailable(f"all {count} grading slots stayed busy for {wait:g} s")
        time.sleep(0.02)


# --- commands --------------------------------------------------------------------------


def cpu_limit(time_limit: float) -> list[int]:
    """RLIMIT_CPU (soft, hard) of a run: the wall limit, rounded up, and a second more."""
    cpu = math.ceil(time_limit) + 1
    return [cpu, cpu + 1]


def _limits(time_limit: float, extra_processes: int = 0) -> dict:
    return {
        "cpu": cpu_limit(time_limit),
        "as": config.get("GRADER_MEMORY_MB") * 1024 * 1024,
        "nproc": config.get("GRADER_MAX_PROCESSES") + extra_processes,
        "fsize": config.get("GRADER_FILE_BYTES"),
        "nofile": config.get("GRADER_OPEN_FILES"),
        "core": 0,
        "msgqueue": 0,
    }


def _tasks_owned_by(uid: int, besides: int | None = None) -> int:
    """Threads whose real uid is ``uid`` (RLIMIT_NPROC counts them all), not counting
    the process tree under pid ``besides`` (a warm sandbox counting everyone but itself)."""
    total, parents, threads = 0, {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                pid = int(entry.name)
                threads[pid] = int(fields["Threads"])
                parents[pid] = int(fields["PPid"])
        except (OSError, KeyError, ValueError):
            continue
    for pid, count in threads.items():
        ancestor, seen = pid, 0
        while besides is not None and ancestor in parents and ancestor != besides and seen < 64:
            ancestor, seen = parents[ancestor], seen + 1
        if besides is None or ancestor != besides:
            total += count
    return total


def _uid_has_processes(uid: int) -> bool:
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    return True
            except OSError:
                continue
    return False


def _kill_uid(uid: int) -> int:
    """SIGKILL every host process running as ``uid`` (root mode, after each run)."""
    killed = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    os.kill(int(entry.name), signal.SIGKILL)
                    killed += 1
            except (OSError, ValueError):
                continue
    return killed


def _dirs_for(paths) -> list[str]:
    """``--perms 0755 --dir`` for every ancestor, so the unprivileged uid may traverse."""
    made, args = set(), []
    for path in paths:
        parts = Path(path).parent.parts
        for i in range(2, len(parts) + 1):
            directory = "/".join(parts[:i]).replace("//", "/")
            if directory not in made:
                made.add(directory)
                args += ["--perms", "0755", "--dir", directory]
    return args


WARM_UP_CPU_SECONDS = 60  # a warm start's imports; the run's own limit is set at arrival
UNLIMITED = 1 << 40  # a hard limit high enough that the arrival can lower it to any value


def bwrap_command(
    bwrap: str,
    code_path: str,
    libraries,
    time_limit: float,
    uid: int | None,
    seccomp_fd: int | None = None,
    *,
    warm_imports: list[str] | None = None,
):
    """bubblewrap's argv; ``seccomp_fd`` holds :func:`seccomp.sandbox_program` (the runner
    refuses to start without that filter in force, so a run never goes unfiltered).

    ``warm_imports``: a warm start (:mod:`grader.warm`). ``code_path`` is then an empty
    folder, bound read-only at the learner file's folder, where the submission is written
    when it arrives; the runner imports these modules and waits, and its CPU limit (and,
    in user-namespace mode, its process limit) are set when the submission arrives.
    """
    import json

    warm = warm_imports is not None
    binds = mounts.binds(code_path, libraries, code_folder=warm)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    runner_config = {
        "code": BOX_CODE,
        "site": [BOX_SITE],
        "output_cap": config.get("GRADER_OUTPUT_BYTES"),
        "seccomp": seccomp.learner_program(),
    }
    if warm:
        runner_config["warm"] = {"imports": list(warm_imports)}
    argv = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    if seccomp_fd is not None:
        argv += ["--seccomp", str(seccomp_fd)]
    argv += ["--unshare-cgroup-try", "--die-with-parent", "--new-session", "--hostname", "grader"]
    tmp = {"bytes": config.get("GRADER_TMP_BYTES"), "inodes": config.get("GRADER_TMP_INODES")}
    if uid is not None:  # root: no user namespace; the runner drops to the slot's uid
        argv += ["--cap-drop", "ALL"]
        for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP", "CAP_SYS_ADMIN"):
            argv += ["--cap-add", cap]
        runner_config |= {
            "uid": uid,
            "gid": uid,
            "tmp": tmp | {"zero_sysv_ipc": True},
            "limits": _limits(time_limit),
        }
        if warm:
            runner_config["limits"]["cpu"] = [WARM_UP_CPU_SECONDS, UNLIMITED]
    else:
        # The runner keeps CAP_SYS_ADMIN in the sandbox's own user namespace just long
        # enough to mount its capped /tmp (see runner._prepare_private_tmp), then drops all.
        argv += ["--unshare-user", "--disable-userns", "--uid", "65534", "--gid", "65534"]
        argv += ["--cap-drop", "ALL", "--cap-add", "CAP_SETPCAP", "--cap-add", "CAP_SYS_ADMIN"]
        runner_config |= {
            "tmp": tmp | {"new_mount_namespace": True},
            "limits": _limits(time_limit, _tasks_owned_by(os.getuid())),
        }
        if warm:  # both counted from the submission's arrival instead
            runner_config["limits"]["cpu"] = [WARM_UP_CPU_SECONDS, UNLIMITED]
            del runner_config["limits"]["nproc"]
    argv += _dirs_for(dest for _, dest in binds)
    for src, dest in binds:
        argv += ["--ro-bind", src, dest]
    for folder in mounts.hidden():  # e.g. the stdlib's site-packages: an empty, read-only folder
        argv += ["--tmpfs", folder, "--remount-ro", folder]
    argv += ["--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--dir", "/tmp"]
    argv += ["--remount-ro", "/", "--remount-ro", "/dev"]  # only the runner's /tmp is writable
    argv += ["--chdir", "/tmp", "--", f"{BOX_PYTHON_DIR}/bin/{version}", "-I", "-S", "-B"]
    argv += [f"{BOX_GRADER}/runner.py", json.dumps(runner_config)]
    return argv


def unsafe_command(code_path: str, libraries, time_limit: float):
    import json

    site = sorted({str(path.parent) for lib in libraries for path in library_entries(lib)})
    runner_config = {
        "code": code_path,
        "site": site,
        "output_cap": config.get("GRADER_OUTPUT_BYTES"),
        "limits": {k: v for k, v in _limits(time_limit).items() if k != "nproc"},
        "check_privileges": False,
    }
    python = os.path.realpath(sys.executable)
    return [python, "-I", "-S", "-B", str(RUNNER), json.dumps(runner_config)]


# --- running ---------------------------------------------------------------------------


def root_mode() -> bool:
    """Root workers drop learner code to a slot uid; others rely on a user namespace."""
    return os.geteuid() == 0


def run(
    code: str,
    payload: bytes,
    *,
    time_limit: float,
    libraries=(),
    held_back: bytes = b"",
    slot_wait: float = SLOT_WAIT_SECONDS,
) -> RunResult:
    """Run ``code`` with ``payload`` on stdin in a fresh sandbox; never trusts its output.

    ``held_back`` (the hidden cases' inputs) is written only after the runner's first
    frame, once the output is closed (:mod:`grader.channels`).

    Raises SandboxUnavailable when no sandbox can be made (or started) here, and
    NoFreeSlot when no slot was free within ``slot_wait`` seconds.
    """
    unsafe = config.unsafe_no_sandbox()
    if unsafe:
        config.logger.warning(
            "GRADER_UNSAFE_NO_SANDBOX is on: learner code is running WITHOUT A SANDBOX, with "
            "this worker's files, network and privileges. Never use this on a shared machine."
        )
    bwrap = None if unsafe else bwrap_finder.find().path  # raises SandboxUnavailable
    root = root_mode()
    program = None if unsafe else seccomp.sandbox_program()  # fails closed without libseccomp
    with (
        slot(slot_wait) as number,
        nullcontext() if unsafe else cgroups.for_run(number) as cgroup,
        tempfile.TemporaryDirectory(prefix="grader-run-") as workdir,
        nullcontext() if unsafe else seccomp.program_fd(program) as filter_fd,
    ):
        code_path = os.path.join(workdir, "submission.py")
        with open(code_path, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(code)
        os.chmod(code_path, 0o644)
        uid = config.get("GRADER_UID_BASE") + number if root and not unsafe else None
        if unsafe:
            argv = unsafe_command(code_path, libraries, time_limit)
        else:
            argv = bwrap_command(bwrap, code_path, libraries, time_limit, uid, filter_fd)
        if cgroup is not None:
            argv = cgroup.wrap(argv)  # bwrap is born inside the run's cgroup
        try:
            result = _execute(
                argv,
                payload,
                time_limit,
                sandboxed=not unsafe,
                held_back=held_back,
                oom_killed=cgroup.oom_killed if cgroup is not None else None,
                pass_fds=() if filter_fd is None else (filter_fd,),
            )
        finally:
            if uid is not None:
                _kill_uid(uid)
        if cgroup is not None:
            result.memory_peak_bytes = cgroup.peak_bytes()
            if cgroup.oom_killed():
                result.limit_hit = "memory"
        return result


def _execute(
    argv,
    payload: bytes,
    time_limit: float,
    *,
    sandboxed: bool,
    held_back=b"",
    oom_killed=None,
    pass_fds=(),
) -> RunResult:
    """Run ``argv``: ``payload`` on its stdin at once, ``held_back`` once the output is
    closed (:mod:`grader.channels`); ``oom_killed`` (polled every OOM_POLL_SECONDS) stops
    the run early; ``pass_fds`` stay open in the child (the seccomp program)."""
    started = time.monotonic()
    proc = spawn(argv, pass_fds)
    return finish(
        proc,
        payload,
        time_limit,
        started=started,
        sandboxed=sandboxed,
        held_back=held_back,
        oom_killed=oom_killed,
        ready=READY,
    )


def spawn(argv, pass_fds=()) -> subprocess.Popen:
    """Start a sandbox with its three pipes, in a session of its own."""
    try:
        return subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={},
            close_fds=True,
            pass_fds=pass_fds,
            start_new_session=True,
        )
    except OSError as exc:
        raise SandboxUnavailable(f"Cannot start the sandbox: {exc}. {INSTALL_HINT}") from exc


def finish(
    proc,
    payload: bytes,
    time_limit: float,
    *,
    started: float,
    sandboxed: bool,
    held_back=b"",
    oom_killed=None,
    ready: bytes = READY,
) -> RunResult:
    """Feed a started sandbox its inputs and collect its run, within ``time_limit`` of
    ``started``; ``ready`` is what the runner writes before any learner code can run."""
    got = channels.collect(
        proc,
        payload,
        held_back,
        deadline=started + time_limit,
        ready=ready,
        output_cap=config.get("GRADER_OUTPUT_BYTES"),
        result_cap=config.get("GRADER_RESULT_BYTES"),
        oom_killed=oom_killed,
        oom_poll=OOM_POLL_SECONDS,
    )
    limit_hit = got.limit_hit
    if limit_hit is None:
        try:
            proc.wait(timeout=max(0.0, started + time_limit - time.monotonic()))
        except subprocess.TimeoutExpired:
            limit_hit = "time"
    if limit_hit is not None or proc.poll() is None:
        _kill_tree(proc)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    seconds = time.monotonic() - started
    frame, output = got.frames, got.output
    if not frame.startswith(ready):  # no learner code ran: the sandbox itself failed
        detail = bytes(output[:2000]).decode("utf-8", "replace").strip()
        raise SandboxUnavailable(
            "The sandbox could not be started"
            + (f": {detail}" if detail else f" (exit status {proc.returncode})")
            + f". {INSTALL_HINT}"
        )
    visible_frame, hidden_frame = channels.split_frames(bytes(frame), ready)
    return RunResult(
        frame=visible_frame,
        hidden_frame=hidden_frame,
        output=bytes(output),
        output_truncated=got.output_total - got.withheld > len(output),
        output_withheld=got.withheld > 0,
        limit_hit=limit_hit,
        returncode=proc.returncode,
        seconds=seconds,
        sandboxed=sandboxed,
    )


def _kill_tree(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
