"""Turn a raw sandbox run into the JSON-serialisable result learners and the site see.

Nothing the learner's process produced is trusted: the frame is parsed strictly, each
returned value is decoded with the strict codec and judged by the exercise's checks
here, outside the sandbox. Exit codes and printed text never affect the score.

The frame's own numbers are metadata written by learner code too. Non-finite numbers
make the whole frame unreadable (``codec.parse_json``); a finite one is kept only when it
is in range (a test's ``seconds`` from 0 to the exercise's time limit, which no honest
run can exceed; a line number from 1 to ``MAX_LINE``) and is dropped otherwise, so
nothing stored can be out of range or fail to serialise as strict JSON.
"""

from __future__ import annotations

import builtins
import math
import signal

from grader import codec, config
from grader.schema import ERROR, FAILED, PASSED, Result, TestResult, pass_mark_met
from grader.values import preview

MAX_LINE = 1_000_000  # no learner file has more lines (the code is capped far below)

_SIGNALS = {
    signal.SIGSEGV: "crashed with a segmentation fault (a bad memory access in C code)",
    signal.SIGBUS: "crashed with a bus error",
    signal.SIGABRT: "crashed (it was aborted, often after running out of memory in C code)",
    signal.SIGFPE: "crashed with a floating-point exception",
    signal.SIGILL: "crashed with an illegal instruction",
    signal.SIGXCPU: "used more CPU time than allowed and was stopped",
    signal.SIGXFSZ: "tried to write a file larger than allowed and was stopped",
    signal.SIGKILL: "was killed (it ran out of memory or CPU time)",
}


_BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
HIDDEN_OUTPUT_NOTE = "[What your code printed while the hidden tests ran is not shown.]"


def clean_text(text: str, limit: int | None = None) -> str:
    """Safe to store anywhere: no NUL, no lone surrogates, optionally shortened."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    if limit is not None and len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def _line(value) -> int | None:
    """A line number from the frame, when it is one (bool is not)."""
    return value if type(value) is int and 0 < value <= MAX_LINE else None


def _seconds(value, time_limit) -> float | None:
    """A test's duration from the frame, when it is a real one: 0 to the time limit."""
    if type(value) not in (int, float) or not math.isfinite(value):
        return None
    return value if 0 <= value <= time_limit else None


def _at_line(line) -> str:
    line = _line(line)
    return f" on line {line}" if line is not None else ""


def _signal_of(returncode):
    if returncode is None:
        return None
    if returncode < 0:
        return -returncode
    if returncode > 128:
        return returncode - 128  # bwrap reports a child killed by signal N as 128 + N
    return None


def _run_error(run, time_limit) -> str | None:
    """A plain-words reason when the run stopped before producing a usable frame."""
    if run.limit_hit == "time":
        return (
            f"Your code took longer than the time limit of {time_limit:g} seconds and was "
            "stopped. Look for an endless loop, a call that waits forever, or a much slower "
            "approach than needed."
        )
    if run.limit_hit == "output":
        kb = config.get("GRADER_OUTPUT_BYTES") // 1024
        return f"Your code printed far more than the {kb} KB of output allowed and was stopped."
    if run.limit_hit == "memory":
        mb = config.get("GRADER_MEMORY_MB")
        return (
            f"Your code ran out of memory: the whole run may use at most {mb} MB, counting "
            "every process it starts and what it keeps in shared memory, pipes and /tmp."
        )
    if run.limit_hit == "result":
        mb = config.get("GRADER_RESULT_BYTES") // (1024 * 1024)
        return f"Your function returned more than {mb} MB of data, more than the grader accepts."
    if run.limit_hit == "judge":  # set by grader.judging, after the run
        seconds = config.get("GRADER_JUDGE_SECONDS")
        return (
            f"Checking the values your function returned took the grader more than {seconds} "
            "seconds, so they were not accepted. Return smaller or simpler values."
        )
    if run.limit_hit == "judge_memory":
        return (
            "Checking the values your function returned needed more memory than the grader "
            "allows, so they were not accepted. Return smaller values."
        )
    return None


def _crash_error(run) -> str:
    sig = _signal_of(run.returncode)
    if sig in _SIGNALS:
        return f"Your code {_SIGNALS[sig]}."
    if sig:
        return f"Your code was stopped by signal {sig}."
    if run.returncode == 0:
        return (
            "Your code ended the program (exit status 0) before the tests could finish, for "
            "example by calling os._exit()."
        )
    return (
        f"Your program stopped (exit status {run.returncode}) before the results were sent, "
        "for example because it called os._exit() or changed the grader's own functions."
    )


def _hidden_crash_error(run) -> str:
    """A crash after the hidden inputs were sent: an exit status the learner's code chose
    could spell out one of them, so only the well-known signals are named."""
    if _signal_of(run.returncode) in _SIGNALS:
        return _crash_error(run)
    return (
        "Your program stopped while the hidden tests ran, before their results were sent "
        "(for example because it called os._exit() or changed the grader's own functions)."
    )


def _fatal_error(fatal: dict, memory_mb: int) -> tuple[str, int | None]:
    kind, line = fatal.get("kind"), _line(fatal.get("line"))
    message = fatal.get("message") if isinstance(fatal.get("message"), str) else ""
    if kind == "syntax":
        return f"Your code has a syntax error{_at_line(line)}: {message}", line
    if kind == "memory":
        return f"Your code ran out of memory (the limit is {memory_mb} MB).", None
    if kind == "exit":
        return "Your code called exit() while it was being loaded, so no test could run.", None
    if kind == "no_entry":
        return f"Your code does not define the function the tests call: {message}.", None
    if kind == "exception":
        exc = fatal.get("exception") if isinstance(fatal.get("exception"), dict) else {}
        line = _line(exc.get("line"))
        return (
            f"Your code raised {exc.get('type', 'an exception')}{_at_line(line)} while it was "
            f"being loaded: {exc.get('message', '')}",
            line,
        )
    return "The grader could not understand what your program reported.", None


def _hidden_fatal_error(fatal: dict, memory_mb: int) -> str:
    """A fatal error reported after the hidden inputs were sent: no learner text in it."""
    if fatal.get("kind") == "memory":
        return f"Your code ran out of memory during the hidden tests (the limit is {memory_mb} MB)."
    return "Your code stopped while the hidden tests ran, so they could not be graded."


def parse_frame(data: bytes, expected_cases: int):
    """The runner's one-line JSON frame, or raise DecodeError for anything else."""
    if not data.endswith(b"\n") or data.count(b"\n") != 1:
        raise codec.DecodeError("expected exactly one frame")
    frame = codec.parse_json(data)
    if type(frame) is not dict or type(frame.get("protocol")) is not int or frame["protocol"] != 1:
        raise codec.DecodeError("not a protocol 1 frame")
    if ("results" in frame) == ("fatal" in frame):
        raise codec.DecodeError("a frame has results or a fatal error, not both")
    if "fatal" in frame:
        if type(frame["fatal"]) is not dict:
            raise codec.DecodeError("bad fatal error")
        return frame
    results = frame["results"]
    if type(results) is not list or len(results) != expected_cases:
        raise codec.DecodeError("wrong number of results")
    for item in results:
        if type(item) is not dict or type(item.get("ok")) is not bool:
            raise codec.DecodeError("bad result item")
    return frame


def _case_error_message(case, error: dict) -> str:
    kind = error.get("type") if isinstance(error.get("type"), str) else "an error"
    line = _line(error.get("line"))
    text = error.get("message") if isinstance(error.get("message"), str) else ""
    if kind == "unsendable":
        if case.visible:
            return f"Your function returned a value the grader cannot read: {text}"
        return "Hidden test failed: your function returned a value the grader cannot read."
    if case.visible:
        return f"Your function raised {kind}{_at_line(line)}: {text}"
    # The learner's code writes this part of the frame after it has seen the hidden inputs:
    # an exception's class name or line number could spell them out, so neither is shown
    # unless the name is one of Python's own.
    kind = kind if kind in _BUILTIN_EXCEPTIONS else "an exception"
    return f"Hidden test failed: your function raised {kind}."


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _judge(case, item, time_limit) -> TestResult:
    entry = _judged(case, item, time_limit)
    # The author's hint goes with a failure only, hidden cases included: it is written for
    # learners and says where to look, so it never reveals the hidden inputs or answers.
    if not entry["passed"] and case.hint:
        entry["hint"] = case.hint
    return entry


def _judged(case, item, time_limit) -> TestResult:
    entry: TestResult = {
        "name": case.name,
        "passed": False,
        "points": 0,
        "max_points": case.points,
        "visible": case.visible,
        "description": case.description,
        "seconds": _seconds(item.get("seconds"), time_limit),
    }
    if not item["ok"]:
        error = item.get("error") if type(item.get("error")) is dict else {}
        entry["message"] = _case_error_message(case, error)
        return entry
    try:
        received = codec.decode(item.get("value"))
    except codec.DecodeError:
        entry["message"] = (
            "The value your function returned could not be read."
            if case.visible
            else "Hidden test failed: the returned value could not be read."
        )
        return entry
    outcome = case.judge(received)
    entry["passed"] = outcome.passed
    if outcome.passed:
        entry["points"] = case.points
        entry["message"] = "Passed."
    elif case.visible:
        entry["message"] = _sentence(outcome.detail or "the answer was not accepted")
        entry["received"] = preview(received)
        if case.has_expected:
            entry["expected"] = preview(case.expected)
    else:
        entry["message"] = f"Hidden test failed: {outcome.kind or 'wrong answer'}."
    if case.visible:
        entry["input"] = preview(case.args if not case.kwargs else (case.args, case.kwargs))
    return entry


def build(exercise, cases, run, *, visible_only: bool) -> Result:
    """The result for one run of ``cases`` (all, or only the visible ones)."""
    memory_mb = config.get("GRADER_MEMORY_MB")
    max_score = sum(case.points for case in cases)
    output = clean_text(run.output.decode("utf-8", "replace"))
    if run.output_withheld and any(not case.visible for case in cases):
        output = f"{output.rstrip()}\n{HIDDEN_OUTPUT_NOTE}".lstrip()
    result: Result = {
        "status": ERROR,
        "score": 0,
        "max_score": max_score,
        "pass_mark": exercise.pass_mark,
        "pass_mark_met": False,
        "error": None,
        "error_line": None,
        "tests": [],
        "output": output,
        "output_truncated": run.output_truncated,
        "visible_only": visible_only,
        "sandboxed": run.sandboxed,
        "timings": {"run_seconds": round(run.seconds, 4), "tests_seconds": None},
    }
    visible = [case for case in cases if case.visible]
    hidden = [case for case in cases if not case.visible]
    error, line, frame, hidden_frame = _run_error(run, exercise.time_limit), None, None, None
    damaged = (
        "The grader could not read your program's results: the results channel was "
        "damaged (for example by writing to it directly)."
    )
    if error is None:
        if not run.frame:
            error = _crash_error(run)
        else:
            try:
                frame = parse_frame(run.frame, len(visible))
            except codec.DecodeError:
                error = damaged
    if frame is not None and "fatal" in frame:
        error, line = _fatal_error(frame["fatal"], memory_mb)
    elif frame is not None and error is None:
        # Written after the hidden inputs arrived: only fixed messages come from it.
        if not run.hidden_frame:
            error = _hidden_crash_error(run)
        else:
            try:
                hidden_frame = parse_frame(run.hidden_frame, len(hidden))
            except codec.DecodeError:
                error = damaged
            else:
                if "fatal" in hidden_frame:
                    error = _hidden_fatal_error(hidden_frame["fatal"], memory_mb)
    if frame is not None and frame.get("output_dropped") is True:
        result["output_truncated"] = True
    if error is not None:
        result["error"] = clean_text(error, 2000)
        result["error_line"] = line
        result["tests"] = [
            {
                "name": case.name,
                "passed": False,
                "points": 0,
                "max_points": case.points,
                "visible": case.visible,
                "description": case.description,
                "message": "Not run: your code could not run to completion (see the error).",
            }
            for case in cases
        ]
        return _cleaned(result)
    items = {"visible": iter(frame["results"]), "hidden": iter(hidden_frame["results"])}
    tests = [
        _judge(case, next(items["visible" if case.visible else "hidden"]), exercise.time_limit)
        for case in cases
    ]
    score = sum(t["points"] for t in tests)
    result.update(
        status=PASSED if all(t["passed"] for t in tests) else FAILED,
        score=score,
        pass_mark_met=pass_mark_met(score=score, max_score=max_score, pass_mark=exercise.pass_mark),
        tests=tests,
    )
    seconds = [t["seconds"] for t in tests if t["seconds"] is not None]
    result["timings"]["tests_seconds"] = round(sum(seconds), 4)
    return _cleaned(result)


def _cleaned(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value
