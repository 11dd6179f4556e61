"""Result messages: what learners read for each kind of outcome."""

import dataclasses
import json
import signal

import pytest

import grader
from grader import result, schema
from grader.cases import Case
from grader.sandbox import RunResult


def run_with(frame=b"", output=b"", returncode=0, limit=None, truncated=False, visible=1):
    """A run whose runner reported ``frame``'s results.

    The runner sends the visible cases' results in one frame and, once it has the hidden
    inputs, the hidden cases' in a second: a well-formed frame of every case's results (in
    the fixtures' order, the first ``visible`` of them visible) is split the same way.
    """
    hidden = b""
    try:
        parsed = json.loads(frame) if frame.count(b"\n") == 1 else None
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and set(parsed) == {"protocol", "results"}:
        results = parsed["results"]
        frame, hidden = globals()["frame"](results[:visible]), globals()["frame"](results[visible:])
    return RunResult(
        frame=frame,
        hidden_frame=hidden,
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
    # No line for a hidden case: the learner's code could choose it to spell out an input.
    assert out["tests"][2]["message"] == "Hidden test failed: your function raised KeyError."


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


# -- case hints ----------------------------------------------------------------


def with_hints(exercise):
    """``exercise`` with a hint on every case (same inputs, so the same payload)."""
    cases = tuple(
        Case(
            c.name,
            args=c.args,
            kwargs=c.kwargs,
            expected=c.expected,
            check=c.check,
            visible=c.visible,
            points=c.points,
            hint=f"Hint for {c.name}.",
        )
        for c in exercise.cases
    )
    return dataclasses.replace(exercise, cases=cases)


def test_a_failing_case_carries_its_hint_and_a_passing_one_does_not(plain):
    hinted = with_hints(plain)
    items = [{"ok": True, "value": 7}, {"ok": True, "value": 0.75}, {"ok": True, "value": 7}]
    out = build(hinted, run_with(frame(items)))
    assert_is_a_result(out)
    visible, passing, hidden = out["tests"]
    assert visible["hint"] == "Hint for three numbers." and visible["expected"] == "6"
    assert passing["passed"] is True and "hint" not in passing
    assert hidden["hint"] == "Hint for a hidden large sum."
    # The hint never brings a hidden case's input, answer or the learner's value with it.
    assert not {"expected", "input", "received"} & set(hidden)
    assert "987654321" not in json.dumps(hidden) and "987654322" not in json.dumps(hidden)


def test_a_hidden_case_that_raises_or_returns_nonsense_shows_its_hint(plain):
    hinted = with_hints(plain)
    error = {"type": "ZeroDivisionError", "message": "division by zero", "line": 2}
    items = [{"ok": True, "value": 6}, {"ok": True, "value": {"$nonsense": 1}}]
    items.append({"ok": False, "error": error})
    out = build(hinted, run_with(frame(items)))
    assert [t.get("hint") for t in out["tests"]] == [
        None,
        "Hint for two fractions.",
        "Hint for a hidden large sum.",
    ]
    assert "expected" not in out["tests"][2] and "input" not in out["tests"][2]


def test_cases_that_never_ran_get_no_hints(plain):
    """The error explains what went wrong; a hint per unrun case would only be noise."""
    out = build(with_hints(plain), run_with(limit="time", returncode=-9))
    assert out["status"] == "error" and not any("hint" in t for t in out["tests"])


def test_cases_without_a_hint_have_no_hint_key(plain):
    out = build(plain, run_with(frame([{"ok": True, "value": 7}] * 3)))
    assert not any("hint" in t for t in out["tests"])


def test_hints_survive_a_real_sandboxed_run(plain):
    out = grader.grade(with_hints(plain), "def total(xs):\n    return 7\n")
    assert out["status"] == "failed" and out["sandboxed"] is True
    assert [t["hint"] for t in out["tests"]] == [f"Hint for {c.name}." for c in plain.cases]
    json.dumps(out)
