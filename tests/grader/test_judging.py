"""Judging a run's results under limits of its own (grader/judging.py), in the worker."""

import json
import logging
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import grader
from grader import config, judging, result
from grader.errors import GraderError
from tests.grader.conftest import EXERCISES, load
from tests.grader.test_result import run_with

ROOT = Path(__file__).resolve().parents[2]

NEVER_RETURNS = """
from grader.cases import Case, predicate

SEED = 1


def _spin(value):
    while True:
        pass


def cases(rng, reference):
    yield Case("spins", args=([1, 2],), check=predicate(_spin, "never"), visible=True, points=4)
"""


def frame_of(values):
    items = [{"ok": True, "value": v, "seconds": 0.001} for v in values]
    return (json.dumps({"protocol": 1, "results": items}) + "\n").encode()


@pytest.fixture
def forked(monkeypatch):
    """Judge every frame in the child process, however small."""
    monkeypatch.setattr(judging, "INLINE_FRAME_BYTES", -1)


def test_a_check_that_never_returns_is_stopped_at_the_cpu_limit(tmp_path, monkeypatch, forked):
    folder = tmp_path / "spins"
    shutil.copytree(EXERCISES / "sum-list", folder)
    (folder / "cases.py").write_text(NEVER_RETURNS)
    monkeypatch.setenv("GRADER_JUDGE_SECONDS", "1")
    exercise = grader.load_exercise(folder)
    started = time.monotonic()
    outcome = grader.grade(exercise, "def total(xs):\n    return 3\n")
    assert time.monotonic() - started < 10
    assert outcome["status"] == "error" and outcome["score"] == 0
    assert "took the grader more than 1 seconds" in outcome["error"]


def test_values_that_need_too_much_memory_to_rebuild_are_stopped():
    # Half a million empty lists per test: a 1 MB frame that rebuilds as 30 MB of lists.
    # Graded in a fresh interpreter: the judging child may also reuse memory its parent
    # freed but kept mapped (that costs the machine nothing new), and by this point this
    # suite's own process has freed far more than 30 MB, so here the lists could fit.
    script = (
        "import json, grader\n"
        "from tests.grader.conftest import load\n"
        "from tests.grader.test_hostile_results import returning_forged\n"
        "code = returning_forged('LISTS', LISTS='[[]] * 500_000')\n"
        "print(json.dumps(grader.grade(load('sum-list'), code)))\n"
    )
    env = {name: str(value) for name, value in config._overrides.items()}
    env = {**os.environ, **env, "GRADER_JUDGE_MEMORY_MB": "16"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.splitlines()[-1])
    assert outcome["status"] == "error" and outcome["score"] == 0
    assert "more memory than the grader allows" in outcome["error"]


def test_the_judging_process_gives_the_same_result_as_judging_in_the_worker(forked):
    exercise = load("sum-list")
    run = run_with(frame_of([6, 0.75, 987654322]))
    inline = result.build(exercise, exercise.cases, run, visible_only=False)
    assert judging.build(exercise, exercise.cases, run, visible_only=False) == inline
    assert inline["status"] == "passed"


def test_small_frames_are_judged_without_a_child(monkeypatch):
    def no_fork():
        raise AssertionError("forked for a small frame")

    monkeypatch.setattr(judging.os, "fork", no_fork)
    exercise = load("sum-list")
    outcome = judging.build(
        exercise, exercise.cases, run_with(frame_of([6, 0.75, 1])), visible_only=False
    )
    assert outcome["status"] == "failed" and outcome["score"] == 2


def test_a_bug_in_judging_is_the_graders_fault_not_a_verdict(monkeypatch, forked):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the grader")

    monkeypatch.setattr(result, "build", broken)
    exercise = load("sum-list")
    with pytest.raises(GraderError, match="a bug in the grader"):
        judging.build(
            exercise, exercise.cases, run_with(frame_of([6, 0.75, 1])), visible_only=False
        )


@pytest.mark.parametrize("where", ["inline", "forked"])
def test_a_result_that_is_not_strict_json_becomes_an_error(monkeypatch, caplog, where):
    if where == "forked":
        monkeypatch.setattr(judging, "INLINE_FRAME_BYTES", -1)
    real_build = result.build

    def with_infinity(*args, **kwargs):
        outcome = real_build(*args, **kwargs)
        outcome["tests"][0]["seconds"] = math.inf
        return outcome

    monkeypatch.setattr(result, "build", with_infinity)
    exercise = load("sum-list")
    with caplog.at_level(logging.ERROR, logger="grader"):
        outcome = judging.build(
            exercise, exercise.cases, run_with(frame_of([6, 0.75, 1])), visible_only=False
        )
    json.dumps(outcome, allow_nan=False)
    assert outcome["status"] == "error" and outcome["score"] == 0
    assert outcome["error"] == judging.UNSTORABLE
    if where == "inline":  # the child's log lines go to its own copy of the handlers
        assert "not strict JSON" in caplog.text
