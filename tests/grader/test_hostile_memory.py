"""Hostile submissions that try to hold more memory than one run's budget.

Each must be stopped with a failing grade (most of them would answer correctly if the
memory were theirs to keep), leave no process and no run cgroup behind, and leave the
grader able to pass the next honest submission. Each runs in both sandbox modes: root,
and the user-namespace mode an ordinary-user worker gets (forced here, as root).
"""

import dataclasses
import json
import os
import time

import pytest

import grader
from grader import cgroups, config, sandbox
from tests.grader.conftest import load, slot_processes
from tests.grader.test_hostile import BYPASS

RIGHT = "\ndef total(xs):\n    return sum(xs)\n"
MODES = ["root", "user-namespace"]


@pytest.fixture(scope="module", autouse=True)
def _real_cgroups():
    """These attacks need a real per-run cgroup. Without one they fail (CI, servers),
    unless the weaker development mode is on (`make test` on a laptop): then they skip."""
    usable, line = cgroups.status()
    if not usable and config.flag(config.WEAKER_NO_MEMORY_CGROUP):
        pytest.skip(line)


@pytest.fixture(params=MODES)
def mode(request, monkeypatch):
    if request.param == "user-namespace":
        monkeypatch.setattr(sandbox, "root_mode", lambda: False)
    elif os.geteuid() != 0:
        pytest.skip("root mode needs a root worker")
    return request.param


def run_folders():
    """Run cgroups this process made that are still there (there should be none)."""
    hierarchies = cgroups.detect()
    found = []
    for mount in {hierarchies.memory, hierarchies.pids} - {None}:
        parent = cgroups._parent_path(hierarchies, mount)
        if parent.is_dir():
            found += [p for p in parent.iterdir() if p.name.startswith(f"run-{os.getpid()}-")]
    return found


def attack(code, *, exercise=None, statuses=("failed", "error")):
    exercise = exercise or load("sum-list")
    result = grader.grade(exercise, code)
    assert result["score"] == 0, result
    assert result["status"] in statuses, result
    json.dumps(result, allow_nan=False)
    deadline = time.monotonic() + 2
    while slot_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert slot_processes() == [], "a sandboxed process outlived its run"
    assert run_folders() == [], "a run cgroup outlived its run"
    honest = grader.grade(exercise, exercise.solution)
    assert honest["status"] == "passed" and honest["score"] == honest["max_score"], honest
    return result


def slow(exercise, seconds=20):
    """The exercise with a longer time limit, so only the memory limit can stop the run."""
    return dataclasses.replace(exercise, time_limit=seconds)


# --- one budget for the whole run -------------------------------------------------------


def test_four_children_holding_450_mb_each(mode, monkeypatch):
    monkeypatch.setenv("GRADER_MEMORY_MB", "1024")
    code = BYPASS + (
        "r, w = os.pipe()\n"
        "children = []\n"
        "for _ in range(4):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        block = b'x' * (450 * 1024 * 1024)\n"  # each under its own address space
        "        os.write(w, b'+')\n"
        "        imp('time').sleep(30)\n"
        "        os._exit(0)\n"
        "    children.append(pid)\n"
        "held = b''\n"
        "while len(held) < 4:\n"
        "    held += os.read(r, 4)\n"
        "for pid in children:\n"
        "    os.kill(pid, 9)\n"
    )
    result = attack(code + RIGHT, exercise=slow(load("sum-list")))
    assert result["status"] == "error" and "out of memory" in result["error"]
    assert "1024 MB" in result["error"]
    # Stopped when the kernel killed a child, not at the 20 s time limit the parent waits for.
    assert result["timings"]["run_seconds"] < 10


def test_system_v_shared_memory_held_outside_the_address_space(mode):
    # 25 segments of 100 MB, each attached, filled and detached again: 2.5 GB held by a
    # process whose address space never holds more than one of them.
    code = BYPASS + (
        "ctypes = imp('ctypes')\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]\n"
        "libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]\n"
        "libc.shmat.restype = ctypes.c_void_p\n"
        "libc.shmdt.argtypes = [ctypes.c_void_p]\n"
        "chunk = 100 * 1024 * 1024\n"
        "for _ in range(25):\n"
        "    sid = libc.shmget(0, chunk, 0o1600)\n"
        "    if sid < 0:\n"
        "        raise OSError(ctypes.get_errno(), 'shmget')\n"
        "    address = libc.shmat(sid, None, 0)\n"
        "    if address in (None, 2 ** 64 - 1):\n"
        "        raise OSError(ctypes.get_errno(), 'shmat')\n"
        "    ctypes.memset(address, 1, chunk)\n"
        "    libc.shmdt(address)\n"
    )
    result = attack(code + RIGHT, exercise=slow(load("sum-list")))
    assert result["status"] == "error"
    # The seccomp filter refuses shmget in both modes. Behind it, the IPC namespace's
    # limits are zero (root mode) and a segment is charged to the run's cgroup (both).
    assert "PermissionError" in result["error"] and "shmget" in result["error"], result


def test_memfd_and_pipe_buffers_count_against_the_budget(mode, monkeypatch):
    # About 240 MB that no address space holds: 28 memfds of 8 MB (the file size cap)
    # and 14 pipes grown to 1 MB and filled, against a budget of 160 MB.
    monkeypatch.setenv("GRADER_MEMORY_MB", "160")
    code = BYPASS + (
        "fcntl = imp('fcntl')\n"
        "kept = []\n"
        "for i in range(28):\n"
        "    fd = os.memfd_create(f'hoard{i}')\n"
        "    for _ in range(8):\n"
        "        os.write(fd, b'm' * (1024 * 1024))\n"
        "    kept.append(fd)\n"
        "for _ in range(14):\n"
        "    r, w = os.pipe()\n"
        "    fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 1024 * 1024)\n"
        "    os.set_blocking(w, False)\n"
        "    try:\n"
        "        while True:\n"
        "            os.write(w, b'p' * 65536)\n"
        "    except BlockingIOError:\n"
        "        pass\n"
        "    kept += [r, w]\n"
    )
    result = attack(code + RIGHT, exercise=slow(load("sum-list")))
    assert result["status"] == "error" and "out of memory" in result["error"], result


# --- the file system ----------------------------------------------------------------------


def test_writing_outside_tmp_to_the_root_and_dev(mode):
    code = BYPASS + (
        "written = []\n"
        "for path in ('/hoard', '/dev/hoard', '/dev/shm/hoard'):\n"
        "    try:\n"
        "        with open(path, 'wb') as fh:\n"
        "            fh.write(b'r' * (4 * 1024 * 1024))\n"
        "        written.append(path)\n"
        "    except OSError as exc:\n"
        "        print(path, exc.strerror)\n"
        "print('written', written)\n"
        "if written:\n"
        "    def total(xs):\n"
        "        return sum(xs)\n"
    )
    result = attack(code)
    assert "written []" in result["output"], result["output"]
    assert "/hoard Read-only file system" in result["output"] or mode == "root"


def test_three_hundred_thousand_files_in_tmp(mode):
    code = "for i in range(300000):\n    open(f'/tmp/f{i}', 'w').close()\n" + RIGHT
    result = attack(code, exercise=slow(load("sum-list"), 30))
    assert result["status"] == "error"
    assert "OSError" in result["error"] and "line 2" in result["error"]


def test_executing_a_file_written_to_tmp(mode):
    # A script with a #! line, and a shared library copied in and loaded with ctypes:
    # both need /tmp to allow execution.
    code = BYPASS + (
        "ctypes = imp('ctypes')\n"
        "script = '/tmp/run-me'\n"
        "with open(script, 'w') as fh:\n"
        "    fh.write(f'#!{sys.executable} -S\\nraise SystemExit(42)\\n')\n"
        "os.chmod(script, 0o755)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    try:\n"
        "        os.execv(script, [script])\n"
        "    finally:\n"
        "        os._exit(99)\n"
        "ran = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 42\n"
        "with open(imp('_ctypes').__file__, 'rb') as src, open('/tmp/lib.so', 'wb') as dst:\n"
        "    dst.write(src.read())\n"
        "try:\n"
        "    ctypes.CDLL('/tmp/lib.so')\n"
        "    loaded = True\n"
        "except OSError:\n"
        "    loaded = False\n"
        "print('ran', ran, 'loaded', loaded)\n"
        "if ran or loaded:\n"
        "    def total(xs):\n"
        "        return sum(xs)\n"
    )
    result = attack(code)
    assert "ran False loaded False" in result["output"], result


def test_a_tmpfs_of_its_own_in_a_nested_user_namespace(mode):
    # A private tmpfs of 3 GB in a user namespace of the learner's own (possible in root
    # mode unless namespaces are filtered), filled with 2 GB in files of 8 MB.
    code = BYPASS + (
        "ctypes = imp('ctypes')\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "uid, gid = os.getuid(), os.getgid()\n"
        "libc.prctl(4, 1, 0, 0, 0)\n"  # PR_SET_DUMPABLE, so /proc/self/uid_map is ours
        "if libc.unshare(0x10000000 | 0x20000) != 0:\n"  # CLONE_NEWUSER | CLONE_NEWNS
        "    raise OSError(ctypes.get_errno(), 'unshare')\n"
        "for name, text in (('uid_map', f'0 {uid} 1'), ('setgroups', 'deny'), ('gid_map', f'0 {gid} 1')):\n"
        "    with open(f'/proc/self/{name}', 'w') as fh:\n"
        "        fh.write(text)\n"
        "if libc.mount(b'tmpfs', b'/tmp', b'tmpfs', 0, b'size=3g') != 0:\n"
        "    raise OSError(ctypes.get_errno(), 'mount')\n"
        "block = b'h' * (8 * 1024 * 1024)\n"
        "for i in range(256):\n"
        "    with open(f'/tmp/h{i}', 'wb') as fh:\n"
        "        fh.write(block)\n"
    )
    result = attack(code + RIGHT, exercise=slow(load("sum-list")))
    assert result["status"] == "error"
    assert "out of memory" in result["error"] or "unshare" in result["error"], result
