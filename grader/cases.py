"""What exercise authors import in ``cases.py``: :class:`Case` and the checks.

``cases.py`` runs only in the trusted grader. See content/README.md for the format.
"""

from __future__ import annotations

from grader.checks import Approx, Check, Exact, Metric, Outcome, Predicate
from grader.values import family

__all__ = [
    "Case",
    "Check",
    "Outcome",
    "approx",
    "exact",
    "metric_at_least",
    "metric_at_most",
    "predicate",
]

_MISSING = object()
_APPROX_FAMILIES = {"int", "float", "array", "Series", "DataFrame"}
# A hint is one or two plain sentences shown beside a failed case, not a second prompt.
HINT_MAX_CHARS = 500


def approx(rtol: float = 1e-7, atol: float = 1e-9) -> Check:
    """Same type family and shape (and index/columns for pandas), every value close."""
    return Approx(rtol=rtol, atol=atol)


def exact() -> Check:
    """Equal value and the same type family, recursively."""
    return Exact()


def metric_at_least(metric, truth, threshold: float, label: str | None = None) -> Check:
    """Passes when ``metric(truth, received) >= threshold``; ``truth`` stays trusted."""
    return Metric(metric, truth, threshold, label, at_least=True)


def metric_at_most(metric, truth, threshold: float, label: str | None = None) -> Check:
    """Passes when ``metric(truth, received) <= threshold`` (errors that must be small)."""
    return Metric(metric, truth, threshold, label, at_least=False)


def predicate(fn, message: str) -> Check:
    """Passes when ``fn(received)`` is true; ``message`` says what was wanted."""
    return Predicate(fn, message)


class Case:
    """One call of the learner's entry function and how to judge what it returns."""

    __slots__ = (
        "name",
        "args",
        "kwargs",
        "expected",
        "check",
        "visible",
        "points",
        "description",
        "hint",
    )

    def __init__(
        self,
        name: str,
        args: tuple = (),
        kwargs: dict | None = None,
        expected=_MISSING,
        *,
        check: Check | None = None,
        visible: bool = False,
        points: int | float = 1,
        description: str = "",
        hint: str = "",
    ):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("Case: name must be a non-empty string")
        if not isinstance(args, tuple):
            raise TypeError(f"Case {name!r}: args must be a tuple, got {type(args).__name__}")
        kwargs = {} if kwargs is None else kwargs
        if not isinstance(kwargs, dict) or not all(isinstance(k, str) for k in kwargs):
            raise TypeError(f"Case {name!r}: kwargs must be a dict with string keys")
        if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
            raise ValueError(f"Case {name!r}: points must be a non-negative number")
        if not isinstance(hint, str):
            raise TypeError(f"Case {name!r}: hint must be a string, got {type(hint).__name__}")
        hint = hint.strip()
        if len(hint) > HINT_MAX_CHARS:
            raise ValueError(
                f"Case {name!r}: hint is {len(hint)} characters; it may have at most "
                f"{HINT_MAX_CHARS} (a sentence or two)"
            )
        if check is None:
            if expected is _MISSING:
                raise ValueError(f"Case {name!r}: give an expected value or a check")
            check = Approx() if family(expected) in _APPROX_FAMILIES else Exact()
        elif not callable(check):
            raise TypeError(f"Case {name!r}: check must come from grader.cases")
        if getattr(check, "needs_expected", True) and expected is _MISSING:
            raise ValueError(f"Case {name!r}: {check!r} needs an expected value")
        self.name = name
        self.args = args
        self.kwargs = kwargs
        self.expected = None if expected is _MISSING else expected
        self.check = check
        self.visible = bool(visible)
        self.points = points
        self.description = description
        # Shown to the learner only when this case fails, hidden cases included (their
        # inputs and expected values never are): say what to look at, not the answer.
        self.hint = hint

    @property
    def has_expected(self) -> bool:
        return getattr(self.check, "needs_expected", True)

    def judge(self, received) -> Outcome:
        """Run the check on a decoded value; a crashing check is a failure, not a pass."""
        try:
            outcome = self.check(received, self.expected)
        except Exception as exc:
            return Outcome(False, "could not be checked", f"{type(exc).__name__}: {exc}"[:300])
        if not isinstance(outcome, Outcome):
            return Outcome(bool(outcome) is True, "wrong answer", "the answer was not accepted")
        return outcome

    def __repr__(self) -> str:
        return f"Case({self.name!r}, points={self.points}, visible={self.visible})"
