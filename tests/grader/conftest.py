"""Fixture exercises of our own, so these tests never depend on the curriculum."""

import os
from pathlib import Path

import pytest

import grader
from grader import config

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
    yield
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
    """Host processes running as any grader slot uid (there should never be any left)."""
    first = config.get("GRADER_UID_BASE")
    uids = range(first, first + config.get("GRADER_SLOTS"))
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
