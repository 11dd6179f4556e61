"""Fixture exercises of our own, so these tests never depend on the curriculum."""

import os
from pathlib import Path

import pytest

import grader
from grader import config, pool

# GRADER_TEST_WARM=1: every grade in the suite goes through a warm sandbox (started for
# it, then handed the submission on arrival), so the hostile suite proves the warm path
# gives the same verdicts, messages and limits as the cold one (CI runs both).
WARM = os.environ.get("GRADER_TEST_WARM", "").strip() == "1"

FIXTURES = Path(__file__).resolve().parent / "exercises"
EXERCISES = FIXTURES / "courses" / "fixtures" / "exercises"
# Slot uids of our own (override with GRADER_TEST_UID_BASE when two checkouts run the
# suite on one machine at once, so neither mistakes the other's sandboxes for leftovers).
TEST_UID_BASE = int(os.environ.get("GRADER_TEST_UID_BASE", "64100"))


def load(slug):
    return grader.load_exercise(EXERCISES / slug)


@pytest.fixture(autouse=True)
def _grader_defaults(monkeypatch):
    """Every test starts from the grader's defaults, sandbox on."""
    for name in [*config.DEFAULTS, config.UNSAFE]:
        monkeypatch.delenv(name, raising=False)
    config._overrides.clear()
    # Slot uids of our own, so another suite grading at the same time on this machine
    # cannot be mistaken for a process that outlived one of our runs.
    config.configure(GRADER_UID_BASE=TEST_UID_BASE)
    for name in pool.SETS:  # no pool unless a test starts one (or the warm leg's below)
        config.configure(**{name: 0})
    if WARM:
        pool.start(pool.OnDemand())
    yield
    pool.stop()
    config._overrides.clear()


@pytest.fixture
def plain():
    return load("sum-list")


@pytest.fixture
def numeric():
    return load("scale-array")


@pytest.fixture
def tabular():
    return load("region-totals")


@pytest.fixture
def classifier():
    return load("label-points")


def slot_processes():
    """Living host processes left by a sandboxed run (there should never be any).

    As root, learner code runs as a slot uid: any process with one is a leftover. For an
    unprivileged worker (user-namespace mode) there is no slot uid (the sandbox runs as
    the worker's own uid), so a leftover is a process of ours that lives in another PID
    namespace: only a sandbox puts one there, and it outlives its run only if the sandbox
    was not killed. A root worker that forces user-namespace mode is checked by slot uid
    still: its sandboxes run as root, like every other root sandbox on the machine.
    Zombies are not counted: they have exited and hold nothing but a pid until the host's
    init reaps them (the sandbox's own init becomes one when its killed parent goes first).
    """
    if os.geteuid() == 0:
        first = config.get("GRADER_UID_BASE")
        uids = range(first, first + config.get("GRADER_SLOTS"))
        return [pid for pid, uid in _living_processes() if uid in uids]
    ours = _pid_namespace("self")
    return [
        pid
        for pid, uid in _living_processes()
        if uid == os.getuid() and _pid_namespace(pid) not in (ours, None)
    ]


def _living_processes():
    """(pid, effective uid) of every host process we can see that has not exited."""
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    state = fh.read().rsplit(b")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state not in (b"Z", b"X"):
                yield int(entry.name), uid


def _pid_namespace(pid):
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:  # gone already
        return None
