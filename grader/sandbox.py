"""Run the runner in a bubblewrap sandbox and collect what it says, within limits.

Two modes, chosen automatically:

* **root** (the usual worker on a server): bubblewrap runs without a user namespace and
  keeps only the capabilities the runner needs to mount a size- and inode-capped /tmp and
  to drop to the slot's real unprivileged uid (``GRADER_UID_BASE + slot``); the runner
  then clears every capability before any learner code exists. A real, non-root host uid
  is what makes RLIMIT_NPROC hold, and a distinct uid per slot keeps concurrent runs from
  signalling or starving each other.
* **user namespace** (the worker is an ordinary user): bubblewrap maps the user into a
  fresh user namespace, drops all capabilities and forbids nested user namespaces.

Either way: new PID, network, IPC and UTS namespaces (so no listener on 127.0.0.1 is
reachable and no host process is visible), an empty environment (bwrap itself starts with
one, so ``/proc/1/environ`` is empty too), read-only binds of only the interpreter, the
exercise's libraries, the runner and the learner's file (all listed by
:mod:`grader.mounts`), and a private writable /tmp.
On a timeout the outer bwrap is killed; ``--die-with-parent`` then kills the sandbox's
PID 1 and the kernel kills every process left in its PID namespace, ``setsid`` or not.
"""

from __future__ import annotations

import fcntl
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from grader import channels, config, mounts
from grader.errors import SandboxUnavailable
from grader.mounts import BOX_CODE, BOX_GRADER, BOX_PYTHON_DIR, BOX_SITE, RUNNER, library_entries

READY = b"R"  # the runner's first byte: privileges dropped and limits set
INSTALL_HINT = (
    "Install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`; Fedora: "
    "`dnf install bubblewrap`). For local development only, GRADER_UNSAFE_NO_SANDBOX=1 "
    "runs learner code without any isolation."
)
SLOT_WAIT_SECONDS = 60


@dataclass
class RunResult:
    """What came out of one sandboxed run (raw; grading interprets it)."""

    frame: bytes
    output: bytes
    output_truncated: bool
    limit_hit: str | None  # "time", "output" or "result" when we stopped the run
    returncode: int | None
    seconds: float
    sandboxed: bool
    # The runner's second frame (the hidden cases), written after the output was closed.
    hidden_frame: bytes = b""
    output_withheld: bool = False  # something was printed after the output was closed


# --- slots -----------------------------------------------------------------------------


def _lock_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f"grader-slots-{os.geteuid()}"
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = path.lstat()
    if (
        not path.is_dir()
        or path.is_symlink()
        or info.st_uid != os.geteuid()
        or info.st_mode & 0o022
    ):
        raise SandboxUnavailable(f"the slot lock folder {path} is not a private folder")
    return path


@contextmanager
def slot():
    """Hold one of GRADER_SLOTS slots (an flock per slot) for the length of a run."""
    count = max(1, config.get("GRADER_SLOTS"))
    directory = _lock_dir()
    deadline = time.monotonic() + SLOT_WAIT_SECONDS
    while True:
        for number in range(count):
            fd = os.open(
                directory / f"slot-{number}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600
            )
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield number
            finally:
                os.close(fd)
            return
        if time.monotonic() > deadline:
            raise SandboxUnavailable(
                f"all {count} grading slots stayed busy for {SLOT_WAIT_SECONDS} s"
            )
        time.sleep(0.02)


# --- commands --------------------------------------------------------------------------


def _limits(time_limit: float, extra_processes: int = 0) -> dict:
    cpu = math.ceil(time_limit) + 1
    return {
        "cpu": [cpu, cpu + 1],
        "as": config.get("GRADER_MEMORY_MB") * 1024 * 1024,
        "nproc": config.get("GRADER_MAX_PROCESSES") + extra_processes,
        "fsize": config.get("GRADER_FILE_BYTES"),
        "nofile": config.get("GRADER_OPEN_FILES"),
        "core": 0,
        "msgqueue": 0,
    }


def _tasks_owned_by(uid: int) -> int:
    """Threads whose real uid is ``uid`` (RLIMIT_NPROC counts them all)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                total += int(fields["Threads"])
        except (OSError, KeyError, ValueError):
            continue
    return total


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


def bwrap_command(bwrap: str, code_path: str, libraries, time_limit: float, uid: int | None):
    import json

    binds = mounts.binds(code_path, libraries)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    runner_config = {
        "code": BOX_CODE,
        "site": [BOX_SITE],
        "output_cap": config.get("GRADER_OUTPUT_BYTES"),
    }
    argv = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    argv += ["--unshare-cgroup-try", "--die-with-parent", "--new-session", "--hostname", "grader"]
    if uid is not None:  # root: no user namespace; the runner drops to the slot's uid
        argv += ["--cap-drop", "ALL"]
        for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP", "CAP_SYS_ADMIN"):
            argv += ["--cap-add", cap]
        runner_config |= {
            "uid": uid,
            "gid": uid,
            "tmp": {
                "bytes": config.get("GRADER_TMP_BYTES"),
                "inodes": config.get("GRADER_TMP_INODES"),
            },
            "limits": _limits(time_limit),
        }
    else:
        argv += ["--unshare-user", "--disable-userns", "--uid", "65534", "--gid", "65534"]
        argv += ["--cap-drop", "ALL"]
        runner_config["limits"] = _limits(time_limit, _tasks_owned_by(os.getuid()))
    argv += _dirs_for(dest for _, dest in binds)
    for src, dest in binds:
        argv += ["--ro-bind", src, dest]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    if uid is not None:
        argv += ["--perms", "01777", "--dir", "/tmp"]
    else:
        argv += [
            "--perms",
            "01777",
            "--size",
            str(config.get("GRADER_TMP_BYTES")),
            "--tmpfs",
            "/tmp",
        ]
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
    code: str, payload: bytes, *, time_limit: float, libraries=(), held_back: bytes = b""
) -> RunResult:
    """Run ``code`` with ``payload`` on stdin in a fresh sandbox; never trusts its output.

    ``held_back`` (the hidden cases' inputs) is written only after the runner's first
    frame, once the output is closed (:mod:`grader.channels`).

    Raises SandboxUnavailable when no sandbox can be made (or started) here.
    """
    unsafe = config.unsafe_no_sandbox()
    if unsafe:
        config.logger.warning(
            "GRADER_UNSAFE_NO_SANDBOX is on: learner code is running WITHOUT A SANDBOX, with "
            "this worker's files, network and privileges. Never use this on a shared machine."
        )
    bwrap = None if unsafe else shutil.which("bwrap")
    if not unsafe and bwrap is None:
        raise SandboxUnavailable(f"Cannot grade: bubblewrap (bwrap) was not found. {INSTALL_HINT}")
    root = root_mode()
    with slot() as number, tempfile.TemporaryDirectory(prefix="grader-run-") as workdir:
        code_path = os.path.join(workdir, "submission.py")
        with open(code_path, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(code)
        os.chmod(code_path, 0o644)
        uid = config.get("GRADER_UID_BASE") + number if root and not unsafe else None
        if unsafe:
            argv = unsafe_command(code_path, libraries, time_limit)
        else:
            argv = bwrap_command(bwrap, code_path, libraries, time_limit, uid)
        try:
            return _execute(argv, payload, time_limit, sandboxed=not unsafe, held_back=held_back)
        finally:
            if uid is not None:
                _kill_uid(uid)


def _execute(
    argv, payload: bytes, time_limit: float, *, sandboxed: bool, held_back=b""
) -> RunResult:
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={},
            close_fds=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise SandboxUnavailable(f"Cannot start the sandbox: {exc}. {INSTALL_HINT}") from exc
    got = channels.collect(
        proc,
        payload,
        held_back,
        deadline=started + time_limit,
        ready=READY,
        output_cap=config.get("GRADER_OUTPUT_BYTES"),
        result_cap=config.get("GRADER_RESULT_BYTES"),
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
    if not frame.startswith(READY):  # no learner code ran: the sandbox itself failed
        detail = bytes(output[:2000]).decode("utf-8", "replace").strip()
        raise SandboxUnavailable(
            "The sandbox could not be started"
            + (f": {detail}" if detail else f" (exit status {proc.returncode})")
            + f". {INSTALL_HINT}"
        )
    visible_frame, hidden_frame = channels.split_frames(bytes(frame), READY)
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
