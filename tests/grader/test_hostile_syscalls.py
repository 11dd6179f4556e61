"""Hostile submissions that reach past Python for the kernel itself.

Each attack calls a system call the sandbox's seccomp filter denies (``grader.seccomp``)
through ctypes, with arguments that would succeed without the filter, and prints what
came back. Every one must be refused with a plain ``EPERM`` (``ENOSYS`` where the C
library needs a fallback or for a foreign ABI), grade as a failure, and leave the grader
able to pass the next honest submission (``attack`` checks all that). Where the code lets
us, each attack runs in both sandbox modes: root (the learner drops to a slot uid) and
user namespace (forced here, as ``test_sandbox`` does, so a root CI exercises it too).
"""

import errno
import json
import os
import platform

import pytest

import grader
from grader import sandbox
from tests.grader.conftest import load
from tests.grader.test_hostile import BYPASS, WRONG, attack

EPERM, ENOSYS = errno.EPERM, errno.ENOSYS

# ``call(name, number, *args)`` prints "name -> result errno" and returns the result.
SYSCALLS = BYPASS + (
    "ctypes = imp('ctypes')\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "libc.syscall.restype = ctypes.c_long\n"
    "def call(name, number, *args):\n"
    "    ctypes.set_errno(0)\n"
    "    args = [ctypes.c_long(a) if isinstance(a, int) else a for a in args]\n"
    "    result = libc.syscall(ctypes.c_long(number), *args)\n"
    "    print(name, '->', result, ctypes.get_errno() if result == -1 else 0)\n"
    "    return result\n"
)


@pytest.fixture(params=["root", "userns"])
def mode(request, monkeypatch):
    """Both sandbox modes; root mode needs a root worker."""
    if request.param == "root":
        if os.geteuid() != 0:
            pytest.skip("root mode needs a root worker")
    else:
        monkeypatch.setattr(sandbox, "root_mode", lambda: False)
    return request.param


def outcomes(output):
    """{name: (result, errno)} from the ``call`` lines an attack printed."""
    found = {}
    for line in output.splitlines():
        name, arrow, rest = line.partition(" -> ")
        if arrow:
            result, _, number = rest.partition(" ")
            found[name] = (int(result), int(number))
    return found


def assert_denied(result, expected):
    """Every expected call ran and was refused with exactly its expected errno."""
    seen = outcomes(result["output"])
    assert set(expected) <= set(seen), result["output"]
    wrong = {name: seen[name] for name in expected if seen[name] != (-1, expected[name])}
    assert wrong == {}, result["output"]


# --- namespaces ------------------------------------------------------------------------

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
SIGCHLD = 17


def test_becoming_root_in_a_nested_user_namespace(mode):
    """Root mode used to allow it: uid 0 with every capability, then a 2 GB tmpfs."""
    code = SYSCALLS + (
        "uid = os.getuid()\n"
        "libc.prctl(4, 1, 0, 0, 0)\n"  # PR_SET_DUMPABLE, so /proc/self is ours to write
        f"if call('unshare', 272, {CLONE_NEWUSER | CLONE_NEWNS}) == 0:\n"
        "    open('/proc/self/setgroups', 'w').write('deny')\n"
        "    open('/proc/self/uid_map', 'w').write(f'0 {uid} 1')\n"
        "    print('BECAME UID', os.getuid())\n"
        "    if libc.mount(b'none', b'/tmp', b'tmpfs', 0, b'size=2g') == 0:\n"
        "        print('MOUNTED A TMPFS')\n"
        f"pid = call('clone', 56, {CLONE_NEWUSER | SIGCHLD}, 0, 0, 0, 0)\n"
        "if pid == 0:\n"
        "    os._exit(0)\n"
        "if pid > 0:\n"
        "    os.waitpid(pid, 0)\n"
        f"pid = call('clone-net', 56, {CLONE_NEWNET | SIGCHLD}, 0, 0, 0, 0)\n"
        "if pid == 0:\n"
        "    os._exit(0)\n"
        "if pid > 0:\n"
        "    os.waitpid(pid, 0)\n"
        "args = (ctypes.c_uint64 * 11)()\n"
        f"args[0] = {CLONE_NEWUSER}\n"
        "args[4] = 17\n"
        "pid = call('clone3', 435, args, 88)\n"
        "if pid == 0:\n"
        "    os._exit(0)\n"
        "fd = os.open('/proc/self/ns/net', os.O_RDONLY)\n"
        "call('setns', 308, fd, 0)\n"
    )
    result = attack(code + WRONG)
    assert "BECAME UID" not in result["output"] and "MOUNTED" not in result["output"]
    assert_denied(
        result,
        {"unshare": EPERM, "clone": EPERM, "clone-net": EPERM, "clone3": ENOSYS, "setns": EPERM},
    )


def test_a_mount_namespace_alone_is_refused_to_learner_code(mode):
    """bubblewrap's filter lets the runner's prologue make one; the stacked filter does not."""
    code = SYSCALLS + (
        f"if call('unshare-ns', 272, {CLONE_NEWNS}) == 0:\n"
        "    print('NEW MOUNT NAMESPACE')\n"
        f"call('unshare-time', 272, 0x80)\n"
    )
    result = attack(code + WRONG)
    assert "NEW MOUNT NAMESPACE" not in result["output"]
    assert_denied(result, {"unshare-ns": EPERM, "unshare-time": EPERM})


def test_threads_and_plain_forks_still_work_under_the_filter(mode):
    """clone3 is refused with ENOSYS so that glibc falls back to clone: threads work."""
    code = BYPASS + (
        "threading = imp('threading')\n"
        "box = []\n"
        "workers = [threading.Thread(target=box.append, args=(i,)) for i in range(4)]\n"
        "for w in workers:\n    w.start()\n"
        "for w in workers:\n    w.join()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n    os._exit(7)\n"
        "print('threads', sorted(box), 'child', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))\n"
        "def total(xs):\n    return sum(xs)\n"
    )
    result = grader.grade(load("sum-list"), code)
    assert result["status"] == "passed", result
    assert "threads [0, 1, 2, 3] child 7" in result["output"]


# --- kernel interfaces learner code never needs -----------------------------------------


def test_io_uring(mode):
    code = SYSCALLS + (
        "params = ctypes.create_string_buffer(120)\n"
        "call('io_uring_setup', 425, 8, params)\n"
        "call('io_uring_enter', 426, 0, 0, 0, 0, 0, 0)\n"
        "call('io_uring_register', 427, 0, 0, 0, 0)\n"
    )
    result = attack(code + WRONG)
    assert_denied(
        result, {"io_uring_setup": EPERM, "io_uring_enter": EPERM, "io_uring_register": EPERM}
    )


def test_add_key_and_keyctl(mode):
    code = SYSCALLS + (
        "call('add_key', 248, b'user', b'grader-probe', b'secret', 6, -3)\n"
        "call('keyctl', 250, 0, -4, 0)\n"  # KEYCTL_GET_KEYRING_ID of the user keyring
        "call('request_key', 249, b'user', b'grader-probe', None, 0)\n"
    )
    result = attack(code + WRONG)
    assert_denied(result, {"add_key": EPERM, "keyctl": EPERM, "request_key": EPERM})


def test_memfd_secret_and_userfaultfd(mode):
    code = SYSCALLS + (
        "call('memfd_secret', 447, 0)\n"
        "call('userfaultfd', 323, 0o2000000 | 1)\n"  # O_CLOEXEC | UFFD_USER_MODE_ONLY
    )
    result = attack(code + WRONG)
    assert_denied(result, {"memfd_secret": EPERM, "userfaultfd": EPERM})


def test_landlock(mode):
    code = SYSCALLS + (
        "call('landlock_create_ruleset', 444, None, 0, 1)\n"  # asks for the ABI version
        "call('landlock_restrict_self', 446, -1, 0)\n"
    )
    result = attack(code + WRONG)
    assert_denied(result, {"landlock_create_ruleset": EPERM, "landlock_restrict_self": EPERM})


def test_bpf_and_perf_event_open(mode):
    code = SYSCALLS + (
        "attr = (ctypes.c_uint32 * 32)(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)\n"
        "attr[0], attr[1], attr[2], attr[3] = 2, 4, 4, 1\n"  # BPF_MAP_TYPE_ARRAY, 1 entry
        "call('bpf', 321, 0, attr, 128)\n"  # BPF_MAP_CREATE
        "perf = (ctypes.c_uint64 * 16)()\n"
        "perf[0] = 1 | (128 << 32)\n"  # PERF_TYPE_SOFTWARE, size 128
        "perf[1] = 0\n"  # PERF_COUNT_SW_CPU_CLOCK
        "perf[5] = (1 << 5) | (1 << 6)\n"  # exclude_kernel, exclude_hv
        "call('perf_event_open', 298, perf, 0, -1, -1, 0)\n"
    )
    result = attack(code + WRONG)
    assert_denied(result, {"bpf": EPERM, "perf_event_open": EPERM})


def test_system_v_shared_memory_queues_and_semaphores(mode):
    code = SYSCALLS + (
        "call('shmget', 29, 0, 1 << 20, 0o1000 | 0o600)\n"  # IPC_PRIVATE, IPC_CREAT
        "call('shmat', 30, 0, 0, 0)\n"
        "call('shmctl', 31, 0, 0, 0)\n"
        "call('msgget', 68, 0, 0o1000 | 0o600)\n"
        "call('semget', 64, 0, 1, 0o1000 | 0o600)\n"
    )
    result = attack(code + WRONG)
    assert_denied(
        result,
        {"shmget": EPERM, "shmat": EPERM, "shmctl": EPERM, "msgget": EPERM, "semget": EPERM},
    )


# --- other processes -------------------------------------------------------------------


def test_ptrace_of_the_sandbox_init_and_of_a_child(mode):
    """In user-namespace mode PID 1 (bwrap's init) shares the learner's uid."""
    code = SYSCALLS + (
        "call('ptrace-init', 101, 16, 1, 0, 0)\n"  # PTRACE_ATTACH to PID 1
        "r, w = os.pipe()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    ok = call('ptrace-traceme', 101, 0, 0, 0, 0)\n"  # PTRACE_TRACEME
        "    os.write(w, b'1' if ok == 0 else b'0')\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
        "print('traceme-in-child', os.read(r, 1).decode())\n"
        "buf = ctypes.create_string_buffer(16)\n"
        "iov = (ctypes.c_void_p * 2)(ctypes.addressof(buf), 16)\n"
        "call('process_vm_readv', 310, os.getpid(), iov, 1, iov, 1, 0)\n"
        "call('process_vm_writev', 311, os.getpid(), iov, 1, iov, 1, 0)\n"
    )
    result = attack(code + WRONG)
    assert "traceme-in-child 0" in result["output"], result["output"]
    assert_denied(
        result, {"ptrace-init": EPERM, "process_vm_readv": EPERM, "process_vm_writev": EPERM}
    )


# --- other ABIs ------------------------------------------------------------------------


@pytest.mark.skipif(platform.machine() != "x86_64", reason="i386 machine code")
def test_the_32_bit_x86_abi_through_int_0x80(mode):
    """``int 0x80`` from 64-bit code enters the i386 system call table, which the
    filter does not describe: it must be refused as a whole, not filtered by number."""
    code = BYPASS + (
        "ctypes, mmap = imp('ctypes'), imp('mmap')\n"
        "page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
        "page.write(bytes([0xB8, 20, 0, 0, 0, 0xCD, 0x80, 0xC3]))\n"  # eax=getpid; int 0x80
        "address = ctypes.addressof(ctypes.c_char.from_buffer(page))\n"
        "print('i386 getpid ->', ctypes.CFUNCTYPE(ctypes.c_int)(address)())\n"
    )
    result = attack(code + WRONG)
    assert f"i386 getpid -> {-ENOSYS}" in result["output"], result["output"]


# --- item 3: a channel between learners ------------------------------------------------

KEY_PROBE = SYSCALLS + (
    "print('uid', os.getuid())\n"
    "for keyring, name in ((-4, 'user'), (-3, 'session'), (-5, 'user-session')):\n"
    "    call(f'search-{name}', 250, 10, keyring, b'user', b'grader-channel', 0)\n"  # KEYCTL_SEARCH
    "    key = call(f'add_key-{name}', 248, b'user', b'grader-channel', b'hello', 5, keyring)\n"
    "    if key >= 0:\n"
    "        call('timeout', 250, 15, key, 300)\n"  # KEYCTL_SET_TIMEOUT: expire anyway
    "call('request_key', 249, b'user', b'grader-channel', None, 0)\n"
)


def test_a_key_left_by_one_submission_is_not_readable_by_the_next(mode, monkeypatch):
    """Two submissions in turn get the same slot (and uid in root mode): nothing passes."""
    monkeypatch.setenv("GRADER_SLOTS", "1")  # the same slot, whatever else is grading
    first = attack(KEY_PROBE + WRONG)
    second = attack(KEY_PROBE + WRONG)
    uids = [line for r in (first, second) for line in r["output"].splitlines() if "uid" in line]
    assert len(uids) == 2 and uids[0] == uids[1], uids  # the same slot both times
    calls = {
        f"{verb}-{name}": EPERM
        for verb in ("add_key", "search")
        for name in ("user", "session", "user-session")
    }
    for result in (first, second):
        assert_denied(result, calls | {"request_key": EPERM})


# --- the filter itself -----------------------------------------------------------------


def test_the_filter_is_in_force_in_both_modes(mode):
    """bubblewrap's filter plus the one the runner stacks before any learner code."""
    code = BYPASS + (
        "status = dict(l.split(':', 1) for l in open('/proc/self/status') if ':' in l)\n"
        "print(imp('json').dumps({k: status[k].strip() for k in ('Seccomp', 'Seccomp_filters')}))\n"
    )
    result = attack(code + WRONG)
    assert json.loads(result["output"]) == {"Seccomp": "2", "Seccomp_filters": "2"}
