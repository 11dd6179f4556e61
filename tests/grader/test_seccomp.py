"""The system-call filters: built by libseccomp, failing closed, and doing what they say."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import grader
from grader import sandbox, seccomp
from tests.grader.conftest import load
from tests.grader.test_hostile_syscalls import mode  # noqa: F401 (both sandbox modes)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_library():
    """Forget the loaded libseccomp and the compiled programs, before and after."""

    def clear():
        for cached in (seccomp._library, seccomp.sandbox_program, seccomp.learner_program):
            cached.cache_clear()

    clear()
    yield
    clear()


def test_both_programs_are_compiled_bpf():
    for program in (seccomp.sandbox_program(), seccomp.compile_rules(seccomp.learner_rules())):
        assert program and len(program) % 8 == 0  # whole struct sock_filter instructions
        assert len(program) // 8 < 4096  # the kernel's limit for one filter


def test_every_listed_call_is_refused_by_one_of_the_two_filters():
    sandbox_calls = {rule.syscall for rule in seccomp.sandbox_rules()}
    learner_calls = {rule.syscall for rule in seccomp.learner_rules()}
    assert {"mount", "setresuid", "capset"} <= learner_calls
    assert not {"mount", "umount2", "setresuid"} & sandbox_calls  # the prologue needs them
    assert {"unshare", "clone", "clone3", "keyctl", "ptrace", "io_uring_setup"} <= sandbox_calls


@pytest.mark.usefixtures("mode")
@pytest.mark.parametrize("slug", ["scale-array", "region-totals", "label-points"])
def test_numpy_pandas_and_scikit_learn_still_grade_under_the_filter(slug):
    exercise = load(slug)
    result = grader.grade(exercise, exercise.solution)
    assert result["status"] == "passed" and result["score"] == result["max_score"], result


def test_no_libseccomp_fails_closed_with_what_to_install(plain, monkeypatch, fresh_library):
    monkeypatch.setattr(seccomp, "LIBRARY", "libseccomp-not-installed.so.2")
    with pytest.raises(grader.SandboxUnavailable, match="apt-get install libseccomp2"):
        grader.grade(plain, plain.solution)


def test_a_libseccomp_that_does_not_know_a_listed_call_fails_closed(monkeypatch, fresh_library):
    monkeypatch.setattr(
        seccomp, "learner_rules", lambda: [seccomp.Rule("mount"), seccomp.Rule("not_a_call")]
    )
    with pytest.raises(grader.SandboxUnavailable, match="does not know the system call not_a"):
        seccomp.learner_program()


def test_the_runner_refuses_to_run_learner_code_without_bubblewraps_filter(plain, monkeypatch):
    real = sandbox.bwrap_command

    def unfiltered(*args, **kwargs):
        argv = real(*args, **kwargs)
        at = argv.index("--seccomp")
        return argv[:at] + argv[at + 2 :]

    monkeypatch.setattr(sandbox, "bwrap_command", unfiltered)
    with pytest.raises(grader.SandboxUnavailable, match="seccomp filter is not in force"):
        grader.grade(plain, plain.solution)


# Loads bubblewrap's filter as bwrap would, then lets the runner stack its own, in a
# private mount namespace so that nothing it is allowed to do touches the host.
STACKED = """
import ctypes, os, sys
from grader import runner, seccomp
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
assert libc.unshare(0x00020000) == 0  # CLONE_NEWNS, while we may
assert libc.mount(b"none", b"/", None, 0x40000 | 0x4000, None) == 0  # MS_PRIVATE | MS_REC
program = seccomp.sandbox_program()
code = ctypes.create_string_buffer(program, len(program))
class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
fprog = SockFprog(len(program) // 8, ctypes.addressof(code))
assert libc.prctl(38, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)) == 0
assert libc.prctl(22, ctypes.c_ulong(2), ctypes.byref(fprog)) == 0
def errno_of(result):
    return ctypes.get_errno() if result == -1 else 0
before = errno_of(libc.mount(b"none", sys.argv[1].encode(), b"tmpfs", 0, None))
if sys.argv[2] == "stack":
    runner._install_learner_filter(seccomp.learner_program())
print("mount", errno_of(libc.mount(b"none", sys.argv[1].encode(), b"tmpfs", 0, None)), before)
print("setresuid", errno_of(libc.setresuid(0, 0, 0)))
print("personality-no-aslr", errno_of(libc.syscall(135, ctypes.c_long(0x0040000))))
print("personality-default", errno_of(libc.syscall(135, ctypes.c_long(0))))
print("personality-query", errno_of(libc.syscall(135, ctypes.c_long(0xFFFFFFFF))))
print("clone-newuts", errno_of(libc.syscall(56, ctypes.c_long(0x04000000 | 17), 0, 0, 0, 0)))
pid = os.fork()
if pid == 0:
    os._exit(3)
print("fork", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="mount and setresuid succeed only for root")
@pytest.mark.parametrize("stack", [False, True])
def test_the_stacked_learner_filter_refuses_what_the_prologue_needed(tmp_path, stack):
    """Even root with every capability cannot mount or change uid once it is stacked."""
    out = subprocess.run(
        [sys.executable, "-c", STACKED, str(tmp_path), "stack" if stack else "alone"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    ).stdout
    seen = dict(line.split(" ", 1) for line in out.splitlines())
    assert seen["mount"] == ("1 0" if stack else "0 0")  # EPERM only once stacked
    assert seen["setresuid"] == ("1" if stack else "0")
    assert seen["personality-no-aslr"] == "1"  # bubblewrap's filter, stacked or not
    assert seen["personality-default"] == "0" and seen["personality-query"] == "0"
    assert seen["clone-newuts"] == "1"
    assert seen["fork"] == "3"
