"""The grader's contract with the rest of the site: the exercise rules and the result type.

This is the one place the exercise limits are written down: ``grader.exercise`` enforces
them when it loads a folder, and the site's content validation is meant to build its
exercise fields from them instead of keeping a copy that can drift. It imports nothing
heavy, so web processes and the validator can use it without loading NumPy.

``Result`` and ``TestResult`` describe exactly the dicts ``grader.grade`` returns. Stored
submissions hold these dicts as JSON, so the key names are frozen: a test's ``points`` is
what it earned and ``max_points`` what it was worth.
"""

# No ``from __future__ import annotations``: TypedDict can tell NotRequired keys from
# required ones only when the annotations are real objects, not strings.
import re
from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The third-party libraries an exercise may let learners import (front matter ``imports``).
LIBRARIES: tuple[str, ...] = ("numpy", "pandas", "sklearn", "scipy")
# The files every exercise folder holds (content/README.md).
FILES: tuple[str, ...] = ("exercise.md", "starter.py", "solution.py", "cases.py")
# Plausible wrong solutions, one misconception each: ``check_exercises`` proves that every
# one loses points. Never loaded into the site, never shown to learners.
WRONG_DIR = "wrong"
WRONG_MIN = 3


@dataclass(frozen=True)
class Bounds:
    """The allowed range of one numeric front-matter value, and its default."""

    low: int | float
    high: int | float
    default: int | float | None = None
    whole: bool = False  # the value must be an int (bool never counts)

    def problem(self, name: str, value) -> str | None:
        """None when ``value`` is allowed, else a plain message naming ``name``."""
        kinds = int if self.whole else int | float
        # bool is an int subclass, but ``points: yes`` is an authoring slip, not a 1.
        if not isinstance(value, bool) and isinstance(value, kinds):
            if self.low <= value <= self.high:  # NaN fails both comparisons
                return None
        kind = "a whole number" if self.whole else "a number"
        return f"{name} must be {kind} from {self.low:,} to {self.high:,}"


POINTS = Bounds(1, 10_000, whole=True)  # an exercise's total points
PASS_MARK = Bounds(0, 100, default=100, whole=True)  # percent of the points
TIME_LIMIT = Bounds(1, 20, default=5)  # seconds for the whole run, int or float


def pass_mark_met(*, score, max_score, pass_mark) -> bool:
    """THE pass rule of the whole site: exact integer arithmetic, never a rounded percent.

    False when ``score`` is None or ``max_score <= 0``; else
    ``100 * score >= pass_mark * max_score``. (A rounded percent would call 2 of 3 points
    "67%" and pass a 67% mark that 2/3 does not reach.)
    """
    if score is None or max_score <= 0:
        return False
    return 100 * score >= pass_mark * max_score


PASSED, FAILED, ERROR = "passed", "failed", "error"


class TestResult(TypedDict):
    """One case's verdict. Values and inputs appear only for visible cases."""

    name: str
    passed: bool
    points: int | float  # earned
    max_points: int | float  # available
    visible: bool
    description: str
    message: str
    seconds: NotRequired[float | None]  # absent when the case was not run
    input: NotRequired[str]  # visible cases that returned a readable value
    received: NotRequired[str]  # visible cases that failed on their value
    expected: NotRequired[str]  # ... when the check compares with an expected value
    hint: NotRequired[str]  # the author's hint, on a case that ran and failed


class Timings(TypedDict):
    run_seconds: float
    tests_seconds: float | None  # None when no case ran to completion
    total_seconds: NotRequired[float]  # set by grade(), around the whole call


class Result(TypedDict):
    status: Literal["passed", "failed", "error"]
    score: int | float
    max_score: int | float
    pass_mark: int | float
    pass_mark_met: bool
    error: str | None  # why the code could not be judged, in plain words
    error_line: int | None  # the learner's line that error points at
    tests: list[TestResult]
    output: str  # what the learner's code printed
    output_truncated: bool
    visible_only: bool
    sandboxed: bool
    timings: Timings


def error_result(message: str, *, max_score: int | float = 0) -> Result:
    """A final 'error' result with no tests, for when grading cannot judge the code at all
    (an exercise that cannot be loaded, or in-process grading with no sandbox)."""
    return {
        "status": ERROR,
        "score": 0,
        "max_score": max_score,
        "pass_mark": PASS_MARK.default,
        "pass_mark_met": False,
        "error": message,
        "error_line": None,
        "tests": [],
        "output": "",
        "output_truncated": False,
        "visible_only": False,
        "sandboxed": False,  # no learner code ran anywhere
        "timings": {"run_seconds": 0.0, "tests_seconds": None, "total_seconds": 0.0},
    }
