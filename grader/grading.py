"""``grade()``: one sandboxed run per call, judged in trusted code."""

from __future__ import annotations

import time

from grader import judging, pool, result, sandbox
from grader.exercise import Exercise
from grader.schema import Result

MAX_CODE_CHARS = 200_000


def grade(
    exercise: Exercise, code: str, *, visible_only: bool = False, seed: int | None = None
) -> Result:
    """Grade ``code`` against ``exercise`` and return the JSON-serialisable result.

    The learner's mistakes (syntax errors, crashes, timeouts, wrong answers) are reported
    in the result; only infrastructure faults raise (``grader.SandboxUnavailable``).
    ``visible_only=True`` runs just the visible cases ("Run visible tests"). ``seed``
    draws the hidden cases (store it with the submission: the same seed gives the same
    cases); ``None`` grades against the exercise's canonical cases.
    """
    if not isinstance(code, str):
        raise TypeError("code must be a str")
    started = time.perf_counter()
    draw = exercise.draw(None if visible_only else seed)
    cases = draw.visible_cases if visible_only else draw.cases
    if len(code) > MAX_CODE_CHARS or not code.strip():
        return _refused(exercise, cases, visible_only, code)
    run = pool.run(  # warm when this process's pool has a sandbox for these libraries
        code,
        draw.visible_payload,
        time_limit=exercise.time_limit,
        libraries=draw.libraries,
        held_back=b'{"cases": []}' if visible_only else draw.hidden_payload,
    )
    # The frame is learner-written: read and judge it under limits of its own.
    outcome = judging.build(exercise, cases, run, visible_only=visible_only)
    outcome["timings"]["total_seconds"] = round(time.perf_counter() - started, 4)
    return outcome


def _refused(exercise, cases, visible_only, code) -> Result:
    if code.strip():
        message = f"Your code is longer than {MAX_CODE_CHARS:,} characters."
    else:
        message = f"Your file is empty: write the function {exercise.entry}() first."
    empty = sandbox.RunResult(
        frame=b"",
        output=b"",
        output_truncated=False,
        limit_hit=None,
        returncode=0,
        seconds=0.0,
        sandboxed=True,
    )
    outcome = result.build(exercise, cases, empty, visible_only=visible_only)
    outcome["error"] = message
    outcome["timings"]["total_seconds"] = 0.0
    return outcome
