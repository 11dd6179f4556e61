"""The grader as an ordinary, unprivileged worker: user-namespace mode for real.

CI runs ``tests/grader`` both as root and as an unprivileged user (``.ci/grader-matrix``);
these tests check what only the second can show, and that the hostile suite's "nothing
outlived the run" check can see a leftover in whichever mode it runs.
"""

import json
import os
import shutil
import signal
import subprocess
import time

import pytest

from grader import config, sandbox
from tests.grader.conftest import slot_processes
from tests.grader.test_hostile import BYPASS, WRONG, attack

unprivileged = pytest.mark.skipif(
    os.geteuid() == 0, reason="needs an unprivileged worker (CI: .ci/grader-matrix)"
)


def _leftover_like_a_sandbox():
    """A process shaped like one a sandbox left: a slot uid as root, else another PID ns."""
    if os.geteuid() == 0:
        uid = config.get("GRADER_UID_BASE") + config.get("GRADER_SLOTS") - 1
        return subprocess.Popen(
            ["sleep", "30"], user=uid, group=uid, extra_groups=[], start_new_session=True
        )
    bwrap = os.environ.get("GRADER_BWRAP") or shutil.which("bwrap")
    return subprocess.Popen(
        [bwrap, "--unshare-user", "--unshare-pid", "--ro-bind", "/", "/", "sleep", "30"],
        start_new_session=True,
    )


def _until(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_the_leftover_check_sees_a_process_a_sandbox_would_leave():
    # (The previous test's last sandbox may still be exiting for a few milliseconds.)
    assert _until(lambda: slot_processes() == [])
    leftover = _leftover_like_a_sandbox()
    try:
        assert _until(slot_processes), "a process left by a sandbox would go unnoticed"
    finally:
        os.killpg(leftover.pid, signal.SIGKILL)
        leftover.wait()
    assert _until(lambda: slot_processes() == [])


@unprivileged
def test_an_unprivileged_worker_grades_in_a_user_namespace_of_one_uid():
    assert not sandbox.root_mode()
    code = BYPASS + (
        "report = {'maps': [open(f'/proc/self/{m}').read().split() for m in ('uid_map', 'gid_map')],\n"
        "          'ids': [os.getuid(), os.geteuid(), os.getgid()]}\n"
        "libc = imp('ctypes').CDLL(None, use_errno=True)\n"
        "def unshare_user():\n"
        "    if libc.unshare(0x10000000) != 0:\n"  # CLONE_NEWUSER
        "        raise OSError(imp('ctypes').get_errno(), 'unshare')\n"
        "for name, call in (('setuid', lambda: os.setuid(0)), ('setgid', lambda: os.setgid(0)),\n"
        "                   ('userns', unshare_user)):\n"
        "    try:\n"
        "        call()\n"
        "        report[name] = 'ALLOWED'\n"
        "    except OSError as exc:\n"
        "        report[name] = type(exc).__name__\n"
        "print(imp('json').dumps(report))\n"
    )
    result = attack(code + WRONG)
    report = json.loads(result["output"])
    # One uid and one gid inside, nothing else to become. (bwrap nests two user namespaces
    # for --disable-userns, so the map reads "65534 0 1": 0 of the outer one, which is the
    # worker's own uid on the host.)
    assert [m[0::2] for m in report["maps"]] == [["65534", "1"], ["65534", "1"]], report
    assert report["ids"] == [65534, 65534, 65534]
    assert "ALLOWED" not in (report["setuid"], report["setgid"], report["userns"]), report
