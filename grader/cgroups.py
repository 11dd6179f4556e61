"""One cgroup per sandboxed run: a single memory and process budget for the whole tree.

``RLIMIT_AS`` caps each process's address space, which says nothing about what a run
holds in total: forked children, System V or memfd shared memory, pipe buffers and
files in ``/tmp`` all live outside any one address space. So every run gets a fresh
cgroup, and everything the kernel charges to it (anonymous memory, shmem and tmpfs
pages, page cache, kernel memory such as pipe buffers) counts against one budget:

* **v2** (``cgroup2`` with the memory controller): ``memory.max`` = GRADER_MEMORY_MB,
  ``memory.swap.max`` = 0, ``memory.oom.group`` = 1 (an out-of-memory run dies whole) and
  ``pids.max``;
* **v1** (the memory controller on a v1 hierarchy, as on hybrid hosts):
  ``memory.limit_in_bytes`` and, when the host has swap accounting,
  ``memory.memsw.limit_in_bytes`` at the same value, plus ``pids.max`` in the pids
  hierarchy when it is mounted.

``pids.max`` is GRADER_MAX_PROCESSES plus the two processes of bubblewrap itself (the
outer one and the sandbox's init), so the runner and learner code get exactly
GRADER_MAX_PROCESSES tasks, threads included.

**No window.** The sandbox is started through :func:`RunCgroup.wrap`: a tiny ``/bin/sh``
writes its own pid into the run's ``cgroup.procs`` files and only then ``exec``\\ s
bubblewrap, so bwrap and everything below it are born inside the cgroup. If the write
fails, the shell exits before bwrap starts and the run fails as a broken sandbox.

**Where the run cgroups live.** Under ``GRADER_CGROUP_PARENT`` in each hierarchy used:
a cgroup path as ``/proc/self/cgroup`` shows it (for example
``/system.slice/grader.service``), or a relative one, taken from the worker's own cgroup;
by default ``grader``, i.e. ``<the worker's own cgroup>/grader``. On v1 that works as soon
as the worker may write there (root, or the folder chowned to the worker). On v2 the
parent must hold no processes itself and have ``memory`` and ``pids`` available; the
grader enables them in the parent's ``cgroup.subtree_control`` when they are not. With
systemd that is ``Delegate=memory pids`` plus ``DelegateSubgroup=worker`` (systemd 254+)
on the worker's unit, and ``GRADER_CGROUP_PARENT`` set to the unit's own cgroup.

**Afterwards** whatever is left is killed (``cgroup.kill`` on v2, SIGKILL to every pid in
``cgroup.procs`` on v1) and the cgroup is removed. A run during which the kernel's OOM
killer fired (``oom_kill`` in ``memory.events`` on v2, in ``memory.oom_control`` on v1)
is reported to the learner as out of memory, whatever its processes printed.

**Fail closed.** When no cgroup can be made, :func:`for_run` raises
``SandboxUnavailable`` saying what to delegate, unless the loudly named
``GRADER_WEAKER_NO_MEMORY_CGROUP`` is on; then the run goes ahead with only the
per-process limits and every run logs a warning.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from grader import config
from grader.errors import SandboxUnavailable

BWRAP_OWN_PROCESSES = 2  # bubblewrap's outer process and the sandbox's init
KILL_WAIT_SECONDS = 5.0
# Joins the cgroups named before "--" and execs the rest: bwrap starts inside them.
# (The shell would export PWD; unset, so the sandbox's environment stays empty.)
JOIN_SCRIPT = (
    'while [ "$1" != -- ]; do echo 0 >"$1" || exit 125; shift; done; shift; unset PWD; exec "$@"'
)
SHELL = "/bin/sh"

DELEGATION_HINT = (
    "Give the worker a cgroup of its own to create one cgroup per run in: run it as root, "
    "or with systemd use Delegate=memory pids and DelegateSubgroup=worker on its unit and "
    "set GRADER_CGROUP_PARENT to the unit's cgroup (cgroup v2), or chown a folder in the "
    "memory and pids hierarchies to the worker and point GRADER_CGROUP_PARENT at it "
    "(cgroup v1). For local development only, GRADER_WEAKER_NO_MEMORY_CGROUP=1 grades "
    "with a per-process memory limit instead of one budget for the whole run."
)


class CgroupUnavailable(Exception):
    """No per-run cgroup can be made here; the message says why."""


@dataclass
class Hierarchies:
    """Where the controllers are mounted on this host, and where this process sits."""

    version: int  # 2 or 1
    memory: Path  # the mount of the hierarchy holding the memory controller
    pids: Path | None  # the same as memory on v2; None when v1 has no pids hierarchy
    own: dict[Path, str] = field(default_factory=dict)  # mount -> this process's cgroup


def _mounts(text: str) -> list[tuple[str, str, set[str]]]:
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[2] in ("cgroup", "cgroup2"):
            found.append((parts[2], parts[1].replace("\\040", " "), set(parts[3].split(","))))
    return found


def _own_cgroups(text: str) -> dict[str, str]:
    """``/proc/self/cgroup`` as {controller (or "" for v2): path}."""
    own = {}
    for line in text.splitlines():
        number, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        for name in controllers.split(",") if controllers else [""]:
            own[name] = path or "/"
    return own


def detect(mounts_text: str | None = None, cgroup_text: str | None = None) -> Hierarchies:
    """v2, v1 or hybrid: find the memory (and pids) controllers, and this process's place.

    On a hybrid host (v1 controllers plus a ``cgroup2`` mount with none) the memory
    controller is on v1, so v1 it is.
    """
    if mounts_text is None:
        mounts_text = Path("/proc/self/mounts").read_text()
    if cgroup_text is None:
        cgroup_text = Path("/proc/self/cgroup").read_text()
    mounts, own = _mounts(mounts_text), _own_cgroups(cgroup_text)
    v1_memory = next((Path(m) for kind, m, o in mounts if kind == "cgroup" and "memory" in o), None)
    if v1_memory is not None:
        v1_pids = next((Path(m) for kind, m, o in mounts if kind == "cgroup" and "pids" in o), None)
        places = {v1_memory: own.get("memory", "/")}
        if v1_pids is not None:
            places[v1_pids] = own.get("pids", "/")
        return Hierarchies(1, v1_memory, v1_pids, places)
    for kind, mount, _ in mounts:
        if kind != "cgroup2":
            continue
        path = Path(mount)
        try:
            available = (path / "cgroup.controllers").read_text().split()
        except OSError:
            continue
        if "memory" in available:
            return Hierarchies(2, path, path, {path: own.get("", "/")})
    raise CgroupUnavailable(
        "this machine has no memory cgroup controller mounted (neither cgroup v2 with "
        "'memory' in cgroup.controllers nor a v1 memory hierarchy)"
    )


def _parent_path(hierarchies: Hierarchies, mount: Path) -> Path:
    configured = config.text("GRADER_CGROUP_PARENT").strip() or "grader"
    if not configured.startswith("/"):  # relative: below this process's own cgroup
        configured = f"{hierarchies.own.get(mount, '/').rstrip('/')}/{configured}"
    path = (mount / configured.lstrip("/")).resolve()
    if path != mount and mount not in path.parents:
        raise CgroupUnavailable(f"GRADER_CGROUP_PARENT {configured!r} leaves {mount}")
    return path


def _write(path: Path, value: str) -> None:
    with open(path, "w") as fh:
        fh.write(value)


def _enable_v2_controllers(parent: Path) -> None:
    """Make memory and pids available to the parent's children (v2)."""
    available = (parent / "cgroup.controllers").read_text().split()
    missing = [c for c in ("memory", "pids") if c not in available]
    if missing:
        raise CgroupUnavailable(
            f"{parent} has no {' or '.join(missing)} controller; enable it in its parent's "
            "cgroup.subtree_control"
        )
    enabled = (parent / "cgroup.subtree_control").read_text().split()
    wanted = [f"+{c}" for c in ("memory", "pids") if c not in enabled]
    if wanted:
        try:
            _write(parent / "cgroup.subtree_control", " ".join(wanted))
        except OSError as exc:
            reason = (
                "it holds processes of its own (cgroup v2 allows controllers only for "
                "cgroups without processes)"
                if exc.errno == errno.EBUSY
                else exc.strerror
            )
            raise CgroupUnavailable(
                f"cannot enable memory and pids for the children of {parent}: {reason}"
            ) from exc


def _make_parent(parent: Path, version: int) -> None:
    missing = []
    probe = parent
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        if version == 2:
            _enable_v2_controllers(directory.parent)
        directory.mkdir(exist_ok=True)
    if version == 2:
        _enable_v2_controllers(parent)


@dataclass
class RunCgroup:
    """The cgroup (one folder per hierarchy) that holds one run's whole process tree."""

    version: int
    folders: list[Path]  # the memory one first

    @property
    def memory_folder(self) -> Path:
        return self.folders[0]

    def wrap(self, argv: list[str]) -> list[str]:
        """``argv`` started so that it is born inside this cgroup (see JOIN_SCRIPT)."""
        joins = [str(folder / "cgroup.procs") for folder in self.folders]
        return [SHELL, "-c", JOIN_SCRIPT, "grader-join-cgroup", *joins, "--", *argv]

    def _read(self, name: str) -> str | None:
        try:
            return (self.memory_folder / name).read_text()
        except OSError:
            return None

    def oom_killed(self) -> bool:
        """Did the kernel's OOM killer stop any process of this run?"""
        name = "memory.events" if self.version == 2 else "memory.oom_control"
        for line in (self._read(name) or "").splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip().isdigit() and int(value) > 0:
                return True
        return False

    def current_bytes(self) -> int | None:
        """The memory this run holds now, when the kernel reports it."""
        name = "memory.current" if self.version == 2 else "memory.usage_in_bytes"
        value = (self._read(name) or "").strip()
        return int(value) if value.isdigit() else None

    def peak_bytes(self) -> int | None:
        """The most memory this run held at once, when the kernel reports it."""
        name = "memory.peak" if self.version == 2 else "memory.max_usage_in_bytes"
        value = (self._read(name) or "").strip()
        return int(value) if value.isdigit() else None

    def _pids(self) -> set[int]:
        pids = set()
        for folder in self.folders:
            try:
                pids.update(int(p) for p in (folder / "cgroup.procs").read_text().split())
            except (OSError, ValueError):
                continue
        return pids

    def kill_all(self) -> bool:
        """SIGKILL everything left in the cgroup; True once it is empty."""
        if not self.folders:
            return True
        if self.version == 2:
            try:
                _write(self.memory_folder / "cgroup.kill", "1")
            except OSError:
                pass  # kernels before 5.14: fall back to the pid list below
        deadline = time.monotonic() + KILL_WAIT_SECONDS
        while True:
            pids = self._pids()
            if not pids:
                return True
            if time.monotonic() > deadline:
                return False
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    continue
            time.sleep(0.005)

    def remove(self) -> None:
        emptied = self.kill_all()
        for folder in self.folders:
            for _ in range(200):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError as exc:
                    if exc.errno != errno.EBUSY:
                        config.logger.error("cannot remove the run cgroup %s: %s", folder, exc)
                        break
                    time.sleep(0.005)
            else:
                config.logger.error("the run cgroup %s stayed busy and was left behind", folder)
        if not emptied:
            config.logger.error("processes outlived their run in the cgroup %s", self.folders)


def create(slot: int, hierarchies: Hierarchies | None = None) -> RunCgroup:
    """A fresh cgroup for one run, with the run's memory and process budget set."""
    hierarchies = hierarchies or detect()
    memory_bytes = config.get("GRADER_MEMORY_MB") * 1024 * 1024
    pids_max = config.get("GRADER_MAX_PROCESSES") + BWRAP_OWN_PROCESSES
    name = f"run-{os.getpid()}-{slot}-{secrets.token_hex(4)}"
    mounts = [hierarchies.memory]
    if hierarchies.pids is not None and hierarchies.pids != hierarchies.memory:
        mounts.append(hierarchies.pids)
    made: list[Path] = []
    cgroup = RunCgroup(hierarchies.version, made)
    try:
        for mount in mounts:
            parent = _parent_path(hierarchies, mount)
            _make_parent(parent, hierarchies.version)
            folder = parent / name
            folder.mkdir()
            made.append(folder)
        memory = made[0]
        if hierarchies.version == 2:
            _write(memory / "memory.max", str(memory_bytes))
            if (memory / "memory.swap.max").exists():
                _write(memory / "memory.swap.max", "0")
            _write(memory / "memory.oom.group", "1")
            _write(memory / "pids.max", str(pids_max))
        else:
            _write(memory / "memory.limit_in_bytes", str(memory_bytes))
            if (memory / "memory.memsw.limit_in_bytes").exists():
                _write(memory / "memory.memsw.limit_in_bytes", str(memory_bytes))
            if len(made) > 1:
                _write(made[1] / "pids.max", str(pids_max))
    except OSError as exc:
        cgroup.remove()
        where = exc.filename or "the cgroup hierarchy"
        raise CgroupUnavailable(f"cannot set up a run cgroup in {where}: {exc.strerror}") from exc
    except CgroupUnavailable:
        cgroup.remove()
        raise
    return cgroup


LEFTOVER = re.compile(r"run-(\d+)-\d+-[0-9a-f]{8}")


def remove_leftovers(hierarchies: Hierarchies | None = None) -> int:
    """Remove the empty run cgroups of worker processes that no longer exist; how many.

    A worker killed outright (SIGKILL, OOM) leaves its runs' cgroups behind, and with a
    pool of warm sandboxes it nearly always has some. Their processes die with the worker
    (``--die-with-parent``), so the folders are empty; only empty ones are removed (rmdir
    refuses the rest), so a run of a worker in another PID namespace, whose pid merely
    looks dead from here, is never disturbed. Called when a pool starts.
    """
    try:
        hierarchies = hierarchies or detect()
    except (CgroupUnavailable, OSError):
        return 0
    removed = 0
    for mount in {hierarchies.memory, hierarchies.pids} - {None}:
        try:
            entries = list(_parent_path(hierarchies, mount).iterdir())
        except (CgroupUnavailable, OSError):
            continue
        for folder in entries:
            match = LEFTOVER.fullmatch(folder.name)
            if match is None or _process_exists(int(match[1])):
                continue
            try:
                folder.rmdir()
                removed += 1
            except OSError:
                continue
    return removed


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def for_run(slot: int):
    """The run's cgroup, removed afterwards; ``None`` only in the weaker mode.

    Raises SandboxUnavailable when no cgroup can be made and the weaker mode is off.
    """
    try:
        cgroup = create(slot)
    except (CgroupUnavailable, OSError) as exc:
        if not config.flag(config.WEAKER_NO_MEMORY_CGROUP):
            raise SandboxUnavailable(
                f"Cannot grade: no memory cgroup can be made for the run ({exc}). {DELEGATION_HINT}"
            ) from exc
        config.logger.warning(
            "%s is on and no cgroup can be made (%s): this run has NO MEMORY BUDGET FOR "
            "THE WHOLE RUN, only a per-process address-space limit. Never use this on a "
            "shared machine.",
            config.WEAKER_NO_MEMORY_CGROUP,
            exc,
        )
        yield None
        return
    try:
        yield cgroup
    finally:
        cgroup.remove()


def status() -> tuple[bool, str]:
    """Whether runs here get their own memory cgroup, and a line saying so (for start-up)."""
    try:
        run = create(0)
    except (CgroupUnavailable, OSError) as exc:
        if config.flag(config.WEAKER_NO_MEMORY_CGROUP):
            return False, (
                f"grader: WEAKER MODE ({config.WEAKER_NO_MEMORY_CGROUP}=1): no memory cgroup "
                f"can be made here ({exc}), so each sandboxed process gets its own "
                f"{config.get('GRADER_MEMORY_MB')} MB address-space limit but a run has NO "
                "BUDGET FOR ITS WHOLE TREE. Fine for development; never on a shared machine."
            )
        return False, f"grader: cannot grade here: no memory cgroup can be made ({exc})"
    where = run.memory_folder.parent
    run.remove()
    return True, (
        f"grader: each run gets a cgroup v{run.version} under {where} with a "
        f"{config.get('GRADER_MEMORY_MB')} MB budget for its whole process tree"
    )


if __name__ == "__main__":  # `python -m grader.cgroups`: what `make run` prints at start-up
    import sys

    usable, line = status()
    print(line, file=sys.stderr)
    sys.exit(0 if usable or config.flag(config.WEAKER_NO_MEMORY_CGROUP) else 1)
