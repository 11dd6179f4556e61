"""The exercise rules and the pass rule every part of the site shares."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import grader
from grader import schema
from grader.schema import PASS_MARK, POINTS, TIME_LIMIT, Bounds, error_result, pass_mark_met


@pytest.mark.parametrize("value", [1, 2.5, 20])
def test_a_time_limit_may_be_any_number_in_range(value):
    assert TIME_LIMIT.problem("time_limit", value) is None


@pytest.mark.parametrize("value", [0.5, 0, 21, -1, math.nan, math.inf, True, "5", None])
def test_a_time_limit_outside_the_range_or_not_a_number_is_refused(value):
    assert TIME_LIMIT.problem("time_limit", value) == "time_limit must be a number from 1 to 20"


@pytest.mark.parametrize("value", [0, 10_001, 2.5, 5.0, True, None])
def test_points_must_be_a_whole_number_from_1_to_10000(value):
    assert POINTS.problem("points", value) == "points must be a whole number from 1 to 10,000"


def test_points_and_pass_marks_at_their_limits_are_allowed():
    assert POINTS.problem("points", 1) is None and POINTS.problem("points", 10_000) is None
    assert PASS_MARK.problem("pass_mark", 0) is None
    assert PASS_MARK.problem("pass_mark", 100) is None
    assert PASS_MARK.problem("pass_mark", 66.5) == "pass_mark must be a whole number from 0 to 100"


def test_defaults_are_what_the_exercise_format_documents():
    assert (PASS_MARK.default, TIME_LIMIT.default, POINTS.default) == (100, 5, None)
    assert Bounds(0, 1).problem("x", 0.25) is None


def test_the_pass_rule_never_rounds_a_percent():
    # 2 of 3 points is 66.67%: it must not reach a 67% pass mark by rounding up.
    assert pass_mark_met(score=2, max_score=3, pass_mark=67) is False
    assert pass_mark_met(score=2, max_score=3, pass_mark=66) is True
    assert pass_mark_met(score=10, max_score=10, pass_mark=100) is True
    assert pass_mark_met(score=9, max_score=10, pass_mark=100) is False
    assert pass_mark_met(score=0, max_score=5, pass_mark=0) is True


def test_no_score_or_nothing_to_score_never_passes():
    assert pass_mark_met(score=None, max_score=10, pass_mark=0) is False
    assert pass_mark_met(score=0, max_score=0, pass_mark=0) is False


def test_an_error_result_is_a_complete_json_ready_result():
    out = error_result("This exercise cannot be graded right now.", max_score=12)
    assert set(out) == schema.Result.__required_keys__
    assert set(out["timings"]) <= set(schema.Timings.__annotations__)
    assert out["status"] == schema.ERROR and out["error"].startswith("This exercise")
    assert out["score"] == 0 and out["max_score"] == 12 and out["tests"] == []
    assert out["pass_mark_met"] is False and out["sandboxed"] is False
    assert json.loads(json.dumps(out)) == out
    assert error_result("x")["max_score"] == 0


def test_what_web_processes_import_loads_nothing_heavy():
    # The package, its settings and its schema: grading modules (and NumPy) load lazily.
    code = (
        "import sys\n"
        "import grader, grader.config, grader.schema\n"
        "heavy = {'numpy', 'pandas', 'yaml', 'django'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    root = Path(schema.__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_package_exports_the_result_type_and_the_pass_rule():
    assert grader.Result is schema.Result and grader.TestResult is schema.TestResult
    assert grader.pass_mark_met is pass_mark_met and grader.error_result is error_result
