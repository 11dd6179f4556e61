"""The sandbox's system-call filters, compiled by libseccomp, never written as BPF by hand.

Namespaces, capabilities and a slot uid keep learner code away from the host's files,
processes and network; they do not shrink the kernel it can talk to. These filters
refuse the system calls learner code never needs and that widen that surface or open a
channel out of the run. There are two programs, both built here in the trusted process:

* :func:`sandbox_program`: bubblewrap loads it (``--seccomp FD``) into the sandbox's init
  and into the runner just before ``exec``, in both modes. It leaves the mount family and
  the uid calls allowed, because the runner's prologue needs them (mount a capped /tmp,
  then drop to the slot's uid).
* :func:`learner_program`: the runner stacks it (``runner._install_learner_filter``)
  right after that prologue and before any learner code exists; it denies the mount
  family and the uid and capability calls as well. Filters only ever add restrictions:
  the kernel applies every one and the strictest answer wins, and no process can remove
  one. The runner gets the compiled bytes (base64) in its JSON config and needs no
  libseccomp of its own.

A denied call fails with ``EPERM``, so Python raises a ``PermissionError`` the learner can
read, rather than being killed with nothing to show for it. ``clone3`` fails with
``ENOSYS``: its flags sit in memory a filter cannot read, and glibc then falls back to
``clone``, whose flags the filter checks (threads and ``fork`` keep working). Only the
native ABI exists: on x86_64 the 32-bit (``int 0x80``) and x32 entry points fail with
``ENOSYS`` for every call, since a filter written for one system-call table says nothing
about another.

What is denied, and why (the groups in ``SANDBOX_DENIED`` and ``AFTER_PROLOGUE_DENIED``):

namespaces
    ``unshare``, ``setns``, and ``clone`` with any ``CLONE_NEW*`` flag: in root mode a new
    user namespace made the learner uid 0 with every capability inside it, free to mount
    a tmpfs outside every memory limit; nothing in a grading run creates namespaces.
    One exception, in bubblewrap's filter only: ``unshare(CLONE_NEWNS)`` alone, which the
    runner needs in user-namespace mode to mount its capped /tmp; the runner's stacked
    filter then refuses every ``unshare`` before learner code exists.
io_uring
    ``io_uring_setup``/``_enter``/``_register``: a second system-call interface that
    seccomp cannot see into, and a steady source of kernel bugs.
keyrings
    ``add_key``, ``request_key``, ``keyctl``: the kernel keeps a uid's keys after its
    processes end, so in root mode one submission left a key the next one in the same
    slot read: a channel between learners.
other processes
    ``ptrace``, ``process_vm_readv``/``_writev``, ``process_madvise``, ``pidfd_getfd``,
    ``kcmp``: in user-namespace mode the sandbox's init shares the learner's uid and
    could be traced; nothing needs to read another process's memory or files.
System V IPC
    ``shm*``, ``msg*``, ``sem*``: shared memory held memory outside the address-space
    limit, and segments and queues can outlive the process that made them.
memory tricks
    ``memfd_secret`` (memory taken out of the kernel's own map: young, rarely used kernel
    code) and ``userfaultfd`` (lets a process stall the kernel in the middle of a copy,
    the usual way to win a kernel race).
kernel programs and counters
    ``bpf``, ``perf_event_open``: programs run by the kernel and hardware counters, both
    side-channel and exploit tools.
file systems and the machine
    ``pivot_root``, ``chroot``, ``name_to_handle_at``/``open_by_handle_at`` (open files
    by inode, around the binds), ``lookup_dcookie``, ``fanotify_init``, ``quotactl``,
    ``quotactl_fd``, ``acct``, ``swapon``/``swapoff``, ``kexec_*``, ``init_module``,
    ``finit_module``, ``delete_module``, ``reboot``, ``syslog`` (the kernel log),
    ``vhangup``: administration, never computation; most need privileges the learner
    lacks, and refusing them here means a kernel bug in their checks is out of reach.
self-confinement
    ``landlock_*``: nothing to gain for a learner, more kernel to reach.
personality
    any ``personality`` but the default (``PER_LINUX``) and the query: the others turn
    off address-space randomisation or make readable memory executable.
after the prologue: mounts
    ``mount``, ``umount2``, ``move_mount``, ``open_tree``, ``fsopen``, ``fsconfig``,
    ``fsmount``, ``fspick``, ``mount_setattr``: /tmp is mounted, nothing else may be.
after the prologue: identity
    the ``set*id`` calls, ``setgroups`` and ``capset``: the uid is dropped for good.

This is a deny list on purpose: NumPy, pandas, scikit-learn and their threads use a
broad, version-dependent set of calls, and an allow list breaks grading whenever a
library or the C library starts using a new one. What must never work is listed above,
and every entry has a hostile test (``tests/grader/test_hostile_syscalls.py``).

libseccomp is the system's C library (Debian and Ubuntu ``libseccomp2``, present wherever
systemd is; Fedora ``libseccomp``), bound here through ctypes for the few calls we use:
its own Python bindings are not published as wheels, and the ctypes wrappers on PyPI are
unmaintained. It must know every call listed (2.5.2 and newer do); when it is missing or
too old, grading fails closed with :class:`~grader.errors.SandboxUnavailable`.
"""

from __future__ import annotations

import base64
import ctypes
import errno
import functools
import os
import platform
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass

from grader.errors import SandboxUnavailable

LIBRARY = "libseccomp.so.2"
INSTALL_HINT = (
    "Install libseccomp (Debian/Ubuntu: `apt-get install libseccomp2`; Fedora: "
    "`dnf install libseccomp`), version 2.5.2 or newer."
)

# libseccomp's constants (include/seccomp.h).
ACT_ALLOW = 0x7FFF0000
FLTATR_ACT_BADARCH = 2
CMP_MASKED_EQ = 7  # (argument & datum_a) == datum_b
NR_SCMP_ERROR = -1  # seccomp_syscall_resolve_name: a name this libseccomp does not know


def act_errno(number: int) -> int:
    return 0x00050000 | (number & 0xFFFF)


# The kernel's clone flags that make a new namespace (linux/sched.h). CLONE_NEWTIME is
# not among them: clone() reads that bit as part of the exit signal; only unshare (see
# _namespace_unshare_rules) and clone3 (refused whatever its flags) take it.
CLONE_NEW_FLAGS = {
    "CLONE_NEWNS": 0x00020000,
    "CLONE_NEWCGROUP": 0x02000000,
    "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000,
    "CLONE_NEWUSER": 0x10000000,
    "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000,
}

SANDBOX_DENIED: dict[str, tuple[str, ...]] = {
    "namespaces": ("setns",),  # and unshare/clone by their flags: see sandbox_rules()
    "io_uring": ("io_uring_setup", "io_uring_enter", "io_uring_register"),
    "keyrings": ("add_key", "request_key", "keyctl"),
    "other processes": (
        "ptrace",
        "process_vm_readv",
        "process_vm_writev",
        "process_madvise",
        "pidfd_getfd",
        "kcmp",
    ),
    "System V IPC": (
        *("shmget", "shmat", "shmctl", "shmdt"),
        *("msgget", "msgsnd", "msgrcv", "msgctl"),
        *("semget", "semop", "semctl", "semtimedop"),
    ),
    "memory tricks": ("memfd_secret", "userfaultfd"),
    "kernel programs and counters": ("bpf", "perf_event_open"),
    "file systems and the machine": (
        *("pivot_root", "chroot", "name_to_handle_at", "open_by_handle_at"),
        *("lookup_dcookie", "fanotify_init", "quotactl", "quotactl_fd", "acct"),
        *("swapon", "swapoff", "kexec_load", "kexec_file_load"),
        *("init_module", "finit_module", "delete_module", "reboot", "syslog", "vhangup"),
    ),
    "self-confinement": ("landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self"),
}
AFTER_PROLOGUE_DENIED: dict[str, tuple[str, ...]] = {
    "namespaces": ("unshare",),
    "mounts": (
        *("mount", "umount2", "move_mount", "open_tree"),
        *("fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr"),
    ),
    "identity": (
        *("setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid"),
        *("setfsuid", "setfsgid", "setgroups", "capset"),
    ),
}


@dataclass(frozen=True)
class Rule:
    """Refuse ``syscall`` with ``error`` when every condition holds (none: always).

    A condition is ``(argument index, mask, value)``: it holds when
    ``argument & mask == value``. Several rules for one call are alternatives.
    """

    syscall: str
    error: int = errno.EPERM
    conditions: tuple[tuple[int, int, int], ...] = ()


def _namespace_clone_rules() -> list[Rule]:
    # clone's flags are its first argument on x86_64 and aarch64, not on every machine.
    if platform.machine() not in ("x86_64", "aarch64"):
        raise SandboxUnavailable(
            f"Cannot grade: the seccomp filter is written for x86_64 and aarch64, "
            f"not {platform.machine()}."
        )
    return [Rule("clone", conditions=((0, flag, flag),)) for flag in CLONE_NEW_FLAGS.values()]


CLONE_NEWTIME = 0x00000080  # unshare only (see CLONE_NEW_FLAGS)


def _namespace_unshare_rules() -> list[Rule]:
    """Every new namespace but a mount namespace, which the runner's prologue makes in
    user-namespace mode before the stacked filter refuses ``unshare`` altogether."""
    flags = [f for name, f in CLONE_NEW_FLAGS.items() if name != "CLONE_NEWNS"]
    return [Rule("unshare", conditions=((0, f, f),)) for f in [*flags, CLONE_NEWTIME]]


def _personality_rules() -> list[Rule]:
    """Refuse every personality but 0 (PER_LINUX) and 0xffffffff (the query).

    libseccomp compares each argument once per rule, so "neither 0 nor all ones" is
    written as alternatives: a 32-bit value is neither exactly when some bit is 1 and
    the next one (cyclically) is 0. The kernel reads only the low 32 bits.
    """
    rules = []
    for bit in range(32):
        low, high = 1 << bit, 1 << ((bit + 1) % 32)
        rules.append(Rule("personality", conditions=((0, low | high, low),)))
    return rules


def sandbox_rules() -> list[Rule]:
    """What bubblewrap's filter refuses, for the whole life of the sandbox."""
    rules = [Rule(name) for names in SANDBOX_DENIED.values() for name in names]
    rules += _namespace_clone_rules() + _namespace_unshare_rules()
    rules.append(Rule("clone3", errno.ENOSYS))  # glibc falls back to clone on ENOSYS
    return rules + _personality_rules()


def learner_rules() -> list[Rule]:
    """What the runner's stacked filter adds once its prologue is done."""
    return [Rule(name) for names in AFTER_PROLOGUE_DENIED.values() for name in names]


# --- libseccomp through ctypes ---------------------------------------------------------


class _ArgCmp(ctypes.Structure):
    _fields_ = [
        ("arg", ctypes.c_uint),
        ("op", ctypes.c_int),
        ("datum_a", ctypes.c_uint64),
        ("datum_b", ctypes.c_uint64),
    ]


class _Version(ctypes.Structure):
    _fields_ = [("major", ctypes.c_uint), ("minor", ctypes.c_uint), ("micro", ctypes.c_uint)]


@functools.cache
def _library():
    try:
        lib = ctypes.CDLL(LIBRARY, use_errno=True)
    except OSError as exc:
        raise SandboxUnavailable(
            f"Cannot grade: libseccomp ({LIBRARY}) could not be loaded ({exc}), so no "
            f"system-call filter can be built. {INSTALL_HINT}"
        ) from None
    lib.seccomp_version.restype = ctypes.POINTER(_Version)
    lib.seccomp_version.argtypes = []
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_release.restype = None
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.POINTER(_ArgCmp),
    ]
    lib.seccomp_export_bpf.argtypes = [ctypes.c_void_p, ctypes.c_int]
    return lib


def version() -> str:
    """The libseccomp version in use, e.g. ``2.5.4`` (raises when it is missing)."""
    found = _library().seccomp_version().contents
    return f"{found.major}.{found.minor}.{found.micro}"


def _check(code: int, what: str) -> None:
    if code < 0:
        raise SandboxUnavailable(
            f"Cannot grade: libseccomp {version()} failed to {what} "
            f"({os.strerror(-code)}). {INSTALL_HINT}"
        )


def compile_rules(rules) -> bytes:
    """The BPF program (``struct sock_filter`` array) that refuses ``rules``.

    Everything not refused is allowed. Raises SandboxUnavailable when libseccomp is
    missing, too old to know one of the calls, or fails.
    """
    lib = _library()
    ctx = lib.seccomp_init(ACT_ALLOW)
    if not ctx:
        raise SandboxUnavailable(f"Cannot grade: seccomp_init failed. {INSTALL_HINT}")
    try:
        _check(
            lib.seccomp_attr_set(ctx, FLTATR_ACT_BADARCH, act_errno(errno.ENOSYS)),
            "refuse foreign ABIs",
        )
        for rule in rules:
            number = lib.seccomp_syscall_resolve_name(rule.syscall.encode())
            if number == NR_SCMP_ERROR:
                raise SandboxUnavailable(
                    f"Cannot grade: libseccomp {version()} does not know the system call "
                    f"{rule.syscall}, so it cannot be refused. {INSTALL_HINT}"
                )
            if number < 0:  # not a call of this architecture: nothing to refuse
                continue
            conditions = (_ArgCmp * max(1, len(rule.conditions)))(
                *(_ArgCmp(arg, CMP_MASKED_EQ, mask, value) for arg, mask, value in rule.conditions)
            )
            _check(
                lib.seccomp_rule_add_array(
                    ctx, act_errno(rule.error), number, len(rule.conditions), conditions
                ),
                f"add a rule for {rule.syscall}",
            )
        with tempfile.TemporaryFile() as fh:
            _check(lib.seccomp_export_bpf(ctx, fh.fileno()), "export the filter")
            fh.seek(0)
            program = fh.read()
    finally:
        lib.seccomp_release(ctx)
    if not program or len(program) % 8:
        raise SandboxUnavailable(f"Cannot grade: libseccomp exported no filter. {INSTALL_HINT}")
    return program


@functools.cache
def sandbox_program() -> bytes:
    """bubblewrap's filter (``--seccomp``), compiled once per process."""
    return compile_rules(sandbox_rules())


@functools.cache
def learner_program() -> str:
    """The runner's stacked filter, base64 for its JSON config, compiled once."""
    return base64.b64encode(compile_rules(learner_rules())).decode("ascii")


@contextmanager
def program_fd(program: bytes):
    """A file descriptor to read ``program`` from, for ``bwrap --seccomp FD``.

    bubblewrap reads it to the end and closes its copy; pass it with ``pass_fds``.
    """
    fd = os.memfd_create("grader-seccomp", os.MFD_CLOEXEC)
    try:
        view = memoryview(program)
        while view:
            view = view[os.write(fd, view) :]
        os.lseek(fd, 0, os.SEEK_SET)
        yield fd
    finally:
        os.close(fd)
