"""Result messages: what learners read for each kind of outcome."""

import dataclasses
import json
import signal

import pytest

import grader
from grader import result, schema
from grader.sandbox import RunResult


def run_with(frame=b"", output=b"", returncode=0, limit=None, truncated=False):
    return RunResult(
        frame=frame,
        output=output,
        output_truncated=truncated,
        limit_hit=limit,
        returncode=returncode,
        seconds=0.1,
        sandboxed=True,
    )


def frame(results):
    return (json.dumps({"protocol": 1, "results": results}) + "\n").encode()


def build(exercise, run):
    return result.build(exercise, exercise.cases, run, visible_only=False)


def keys_of(typed_dict):
    return typed_dict.__required_keys__, typed_dict.__required_keys__ | typed_dict.__optional_keys__


def assert_is_a_result(out):
    """``out`` has exactly the keys grader.Result and grader.TestResult promise."""
    required, allowed = keys_of(schema.Result)
    assert required <= set(out) <= allowed, set(out) ^ required
    required, allowed = keys_of(schema.Timings)
    assert required <= set(out["timings"]) <= allowed
    required, allowed = keys_of(schema.TestResult)
    for test in out["tests"]:
        assert required <= set(test) <= allowed, set(test) ^ required
    assert out["status"] in (schema.PASSED, schema.FAILED, schema.ERROR)


ANSWERS = [
    [{"ok": True, "value": v} for v in (6, 0.75, 987654322)],  # passed
    [{"ok": True, "value": 7}] * 3,  # visible and hidden wrong answers
    [{"ok": False, "error": {"type": "KeyError", "message": "'x'", "line": 4}}] * 3,
    [{"ok": True, "value": {"$nonsense": 1}}] * 3,  # unreadable values
]


@pytest.mark.parametrize("items", ANSWERS)
def test_every_kind_of_verdict_has_the_documented_shape(plain, items):
    assert_is_a_result(build(plain, run_with(frame(items))))


def test_errors_have_the_documented_shape_too(plain):
    out = build(plain, run_with(limit="time", returncode=-9))
    assert_is_a_result(out)
    assert out["status"] == "error" and out["tests"] and "seconds" not in out["tests"][0]


def test_the_pass_mark_is_met_by_exact_arithmetic(plain):
    one_of_four = frame([{"ok": True, "value": 6}, *[{"ok": True, "value": 0}] * 2])
    quarter = dataclasses.replace(plain, pass_mark=25)
    assert build(quarter, run_with(one_of_four))["pass_mark_met"] is True
    more = dataclasses.replace(plain, pass_mark=26)
    out = build(more, run_with(one_of_four))
    assert out["score"] == 1 and out["pass_mark_met"] is False


def test_visible_failures_show_expected_and_received_hidden_ones_do_not(plain):
    out = build(plain, run_with(frame([{"ok": True, "value": 7}] * 3)))
    assert out["status"] == "failed" and out["score"] == 0 and out["max_score"] == 4
    visible, _, hidden = out["tests"]
    assert visible["message"] == "Expected 6, got 7."
    assert visible["expected"] == "6" and visible["received"] == "7"
    assert visible["input"] == "([1, 2, 3],)"
    assert hidden["message"] == "Hidden test failed: wrong values."
    assert "expected" not in hidden and "received" not in hidden and "input" not in hidden
    assert "987654322" not in json.dumps(out)


def test_a_right_answer_scores_its_points(plain):
    out = build(plain, run_with(frame([{"ok": True, "value": v} for v in (6, 0.75, 987654322)])))
    assert out["status"] == "passed" and out["score"] == 4 and out["pass_mark_met"] is True
    assert [t["points"] for t in out["tests"]] == [1, 1, 2]


def test_an_exception_in_one_case_fails_only_that_case(plain):
    error = {"type": "KeyError", "message": "'x'", "line": 4}
    items = [{"ok": False, "error": error}, {"ok": True, "value": 0.75}]
    items.append({"ok": False, "error": error})
    out = build(plain, run_with(frame(items)))
    assert out["status"] == "failed" and out["score"] == 1
    assert out["tests"][0]["message"] == "Your function raised KeyError on line 4: 'x'"
    assert (
        out["tests"][2]["message"] == "Hidden test failed: your function raised KeyError on line 4."
    )


def test_timeouts_crashes_and_exits_are_errors_in_plain_words(plain):
    out = build(plain, run_with(limit="time", returncode=-9))
    assert out["status"] == "error" and "time limit of 2 seconds" in out["error"]
    assert all(t["message"].startswith("Not run") for t in out["tests"])
    crashed = build(plain, run_with(returncode=128 + signal.SIGSEGV))
    assert "segmentation fault" in crashed["error"]
    cpu = build(plain, run_with(returncode=-signal.SIGXCPU))
    assert "CPU time" in cpu["error"]
    assert "exit status 0" in build(plain, run_with(returncode=0))["error"]
    assert "printed far more" in build(plain, run_with(limit="output"))["error"]


def test_fatal_frames_name_the_problem_and_the_line(plain):
    def fatal(**fields):
        data = json.dumps({"protocol": 1, "fatal": fields}) + "\n"
        return build(plain, run_with(data.encode()))

    out = fatal(kind="syntax", message="SyntaxError: invalid syntax", line=3)
    assert out["error"] == "Your code has a syntax error on line 3: SyntaxError: invalid syntax"
    assert out["error_line"] == 3
    assert "out of memory (the limit is 1024 MB)" in fatal(kind="memory", message="")["error"]
    exc = {"type": "NameError", "message": "name 'x' is not defined", "line": 2}
    out = fatal(kind="exception", message="", exception=exc)
    assert "NameError on line 2 while it was being loaded" in out["error"]


def test_forged_or_damaged_frames_are_errors_never_passes(plain):
    right = [{"ok": True, "value": v} for v in (6, 0.75, 987654322)]
    for data in (
        frame(right) + frame(right),  # two frames
        frame(right)[:-1],  # no newline
        frame(right[:2]),  # too few results
        b'{"status": "passed", "score": 4}\n',
        b"\xff\xfe\n",
        (json.dumps({"protocol": 1, "results": right, "fatal": {}}) + "\n").encode(),
    ):
        out = build(plain, run_with(data))
        assert out["status"] == "error" and out["score"] == 0, data


def test_output_is_cleaned_and_truncation_is_reported(plain):
    out = build(
        plain, run_with(frame([{"ok": True, "value": 0}] * 3), b"a\x00b\xffc", truncated=True)
    )
    assert out["output"] == "a\\x00b\ufffdc"
    assert out["output_truncated"] is True
    json.dumps(out)


def test_visible_only_runs_only_visible_cases(plain):
    out = grader.grade(plain, plain.solution, visible_only=True)
    assert_is_a_result(out)
    assert out["timings"]["total_seconds"] >= 0
    assert out["visible_only"] is True
    assert [t["name"] for t in out["tests"]] == ["three numbers"]
    assert out["score"] == out["max_score"] == 1


def test_pandas_and_ml_results_end_to_end(tabular, classifier):
    out = grader.grade(
        tabular, "def region_totals(df):\n    return df.groupby('region')['revenue'].mean()\n"
    )
    assert out["status"] == "failed"
    message = out["tests"][0]["message"]
    assert message == "1 of 2 values differ; first at row 'north': expected 12.5, got 6.25."
    assert "north" in out["tests"][0]["expected"]
    out = grader.grade(classifier, classifier.starter)
    assert out["tests"][0]["message"] == "Accuracy is 0.54; it must be at least 0.95."
    assert out["tests"][1]["passed"] is True
