"""Comparisons run by trusted code on values already decoded from the sandbox.

Every check is called as ``check(received, expected)`` and returns an :class:`Outcome`.
``received`` is always plain data built by :mod:`grader.codec` (never an object the
learner's code constructed), so a lying ``__eq__`` cannot reach this module.

An outcome carries two messages: ``detail`` for visible cases (it may show values) and
``kind``, a few general words for hidden cases (it never shows values).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from grader.values import describe_family, family, loaded_pandas, preview, short_preview

_NUMERIC_KINDS = "iuf"


@dataclass(frozen=True)
class Outcome:
    passed: bool
    kind: str = ""
    detail: str = ""


PASS = Outcome(True)


def _fail(kind: str, detail: str) -> Outcome:
    return Outcome(False, kind, detail)


def _where(path: str) -> str:
    return f" at {path}" if path else ""


# --- numbers ---------------------------------------------------------------------------


def _is_number(value) -> bool:
    return family(value) in ("int", "float")


def _close(received: float, expected: float, rtol: float, atol: float) -> bool:
    if math.isnan(expected) or math.isnan(received):
        return math.isnan(expected) and math.isnan(received)
    if math.isinf(expected) or math.isinf(received):
        return received == expected
    return abs(received - expected) <= atol + rtol * abs(expected)


# --- arrays ----------------------------------------------------------------------------


def _kind_family(kind: str) -> str:
    if kind in _NUMERIC_KINDS:
        return "numeric"
    if kind == "b":
        return "bool"
    if kind in "USO":
        return "object"
    return kind  # M (datetime), m (timedelta)


def _compare_flat(received: np.ndarray, expected: np.ndarray, rtol, atol, strict, labels):
    """Compare two same-shaped arrays; ``labels(i)`` names the i-th flat position."""
    r_fam, e_fam = _kind_family(received.dtype.kind), _kind_family(expected.dtype.kind)
    if r_fam == "object" or e_fam == "object":
        flat_r, flat_e = received.ravel(), expected.ravel()
        for i in range(flat_e.size):
            inner = _compare(flat_r[i], flat_e[i], rtol, atol, strict, "")
            if not inner.passed:
                return _fail(inner.kind, f"{labels(i)}: {inner.detail}")
        return PASS
    if r_fam != e_fam:
        return _fail(
            "wrong type",
            f"expected {e_fam} values (dtype {expected.dtype}), got {r_fam} values "
            f"(dtype {received.dtype})",
        )
    if (
        strict
        and e_fam == "numeric"
        and (received.dtype.kind == "f") != (expected.dtype.kind == "f")
    ):
        return _fail("wrong type", f"expected dtype {expected.dtype}, got dtype {received.dtype}")
    if e_fam == "numeric":
        r64, e64 = received.astype(np.float64), expected.astype(np.float64)
        if strict:
            ok = (r64 == e64) | (np.isnan(r64) & np.isnan(e64))
        else:
            with np.errstate(all="ignore"):
                ok = np.isclose(r64, e64, rtol=rtol, atol=atol, equal_nan=True)
    else:
        ok = received == expected
        if e_fam in ("M", "m"):
            ok = ok | (np.isnat(received) & np.isnat(expected))
    ok = np.asarray(ok).ravel()
    if ok.all():
        return PASS
    first = int(np.flatnonzero(~ok)[0])
    bad = int((~ok).sum())
    return _fail(
        "wrong values",
        f"{bad} of {ok.size} values differ; first at {labels(first)}: expected "
        f"{short_preview(expected.ravel()[first])}, got {short_preview(received.ravel()[first])}",
    )


def _compare_arrays(received, expected, rtol, atol, strict, path):
    if received.shape != expected.shape:
        return _fail(
            "wrong shape",
            f"expected shape {expected.shape}{_where(path)}, got shape {received.shape}",
        )
    shape = expected.shape

    def label(i):
        index = np.unravel_index(i, shape) if shape else ()
        position = index[0] if len(index) == 1 else tuple(int(k) for k in index)
        return f"{path}[{position}]" if path else f"index {position}"

    return _compare_flat(received, expected, rtol, atol, strict, label)


# --- pandas ----------------------------------------------------------------------------


def _labels_match(received, expected) -> bool:
    try:
        return bool(received.equals(expected)) and received.names == expected.names
    except Exception:
        return False


def _compare_series(received, expected, rtol, atol, strict, path):
    if len(received) != len(expected):
        return _fail(
            "wrong shape", f"expected {len(expected)} rows{_where(path)}, got {len(received)}"
        )
    if not _labels_match(received.index, expected.index):
        return _fail(
            "wrong index or columns",
            f"the index differs{_where(path)}: expected {preview(list(expected.index), 120)}, "
            f"got {preview(list(received.index), 120)}",
        )
    labels = list(expected.index)
    name = f"{path} " if path else ""
    return _compare_flat(
        _column_values(received),
        _column_values(expected),
        rtol,
        atol,
        strict,
        lambda i: f"{name}row {labels[i]!r}",
    )


def _column_values(series) -> np.ndarray:
    values = series.to_numpy()
    if values.dtype.kind == "O":
        pd = loaded_pandas()
        values = np.array(
            [None if (pd is not None and v is pd.NA) else v for v in values], dtype=object
        )
    return values


def _compare_frames(received, expected, rtol, atol, strict, path):
    if received.shape != expected.shape:
        return _fail(
            "wrong shape",
            f"expected a DataFrame of shape {expected.shape}{_where(path)}, "
            f"got shape {received.shape}",
        )
    if not _labels_match(received.columns, expected.columns):
        return _fail(
            "wrong index or columns",
            f"expected columns {preview(list(expected.columns), 150)}, "
            f"got {preview(list(received.columns), 150)}",
        )
    if not _labels_match(received.index, expected.index):
        return _fail(
            "wrong index or columns",
            f"the index differs: expected {preview(list(expected.index), 120)}, "
            f"got {preview(list(received.index), 120)}",
        )
    for position, column in enumerate(expected.columns):
        outcome = _compare_series(
            received.iloc[:, position],
            expected.iloc[:, position],
            rtol,
            atol,
            strict,
            f"column {column!r}",
        )
        if not outcome.passed:
            return outcome
    return PASS


# --- dispatch --------------------------------------------------------------------------


def _compare(received, expected, rtol, atol, strict, path) -> Outcome:
    e_fam, r_fam = family(expected), family(received)
    numbers = ("int", "float")
    if e_fam in numbers and r_fam in numbers and not (strict and e_fam != r_fam):
        if _close(float(received), float(expected), 0 if strict else rtol, 0 if strict else atol):
            return PASS
        return _fail(
            "wrong values",
            f"expected {short_preview(expected)}{_where(path)}, got {short_preview(received)}",
        )
    if e_fam != r_fam:
        return _fail(
            "wrong type",
            f"expected {describe_family(expected)}{_where(path)}, got {describe_family(received)}",
        )
    if e_fam == "array":
        return _compare_arrays(received, expected, rtol, atol, strict, path)
    if e_fam == "DataFrame":
        return _compare_frames(received, expected, rtol, atol, strict, path)
    if e_fam == "Series":
        return _compare_series(received, expected, rtol, atol, strict, path)
    if e_fam == "Index":
        if _labels_match(received, expected):
            return PASS
        return _fail("wrong values", f"expected {preview(expected)}, got {preview(received)}")
    if e_fam in ("list", "tuple"):
        if len(received) != len(expected):
            return _fail(
                "wrong length",
                f"expected {len(expected)} items{_where(path)}, got {len(received)}",
            )
        for i, (r_item, e_item) in enumerate(zip(received, expected, strict=True)):
            outcome = _compare(r_item, e_item, rtol, atol, strict, f"{path}[{i}]")
            if not outcome.passed:
                return outcome
        return PASS
    if e_fam == "dict":
        if set(received) != set(expected):
            missing = sorted(map(repr, set(expected) - set(received)))
            extra = sorted(map(repr, set(received) - set(expected)))
            parts = []
            if missing:
                parts.append("missing keys " + ", ".join(missing[:5]))
            if extra:
                parts.append("unexpected keys " + ", ".join(extra[:5]))
            return _fail("wrong keys", f"{'; '.join(parts)}{_where(path)}")
        for key in expected:
            outcome = _compare(received[key], expected[key], rtol, atol, strict, f"{path}[{key!r}]")
            if not outcome.passed:
                return outcome
        return PASS
    if received == expected:
        return PASS
    return _fail(
        "wrong values",
        f"expected {preview(expected, 120)}{_where(path)}, got {preview(received, 120)}",
    )


# --- the checks ------------------------------------------------------------------------


class Check:
    """Base class: a callable ``(received, expected) -> Outcome``."""

    needs_expected = True

    def __call__(self, received, expected) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Approx(Check):
    def __init__(self, rtol: float = 1e-7, atol: float = 1e-9):
        if rtol < 0 or atol < 0:
            raise ValueError("approx(): tolerances must not be negative")
        self.rtol, self.atol = float(rtol), float(atol)

    def __call__(self, received, expected) -> Outcome:
        return _compare(received, expected, self.rtol, self.atol, False, "")

    def __repr__(self) -> str:
        return f"approx(rtol={self.rtol:g}, atol={self.atol:g})"


class Exact(Check):
    def __call__(self, received, expected) -> Outcome:
        return _compare(received, expected, 0.0, 0.0, True, "")

    def __repr__(self) -> str:
        return "exact()"


class Metric(Check):
    """Scores the learner's predictions against labels that stay in trusted code."""

    needs_expected = False

    def __init__(self, metric, truth, threshold: float, label: str | None, at_least: bool):
        self.metric, self.truth, self.threshold = metric, truth, float(threshold)
        self.label = label or getattr(metric, "__name__", "score")
        self.at_least = at_least

    def __call__(self, received, expected=None) -> Outcome:
        try:
            length = len(received)
        except TypeError:
            length = None
        if family(received) in ("str", "dict", "set") or length is None:
            return _fail(
                "wrong type",
                f"expected predictions as an array or list, got {describe_family(received)}",
            )
        if length != len(self.truth):
            return _fail("wrong shape", f"expected {len(self.truth)} predictions, got {length}")
        try:
            value = float(self.metric(self.truth, received))
        except Exception as exc:
            return _fail(
                "predictions could not be scored",
                f"the predictions could not be scored: {type(exc).__name__}: {exc}"[:400],
            )
        good = self.threshold <= value if self.at_least else value <= self.threshold
        if not math.isnan(value) and good:
            return PASS
        word = "at least" if self.at_least else "at most"
        return _fail(
            f"{self.label} outside the required range",
            f"{self.label} is {value:.4g}; it must be {word} {self.threshold:.4g}",
        )

    def __repr__(self) -> str:
        kind = "metric_at_least" if self.at_least else "metric_at_most"
        return f"{kind}({self.label}, {self.threshold:g})"


class Predicate(Check):
    needs_expected = False

    def __init__(self, fn, message: str):
        self.fn, self.message = fn, message

    def __call__(self, received, expected=None) -> Outcome:
        try:
            ok = bool(self.fn(received))
        except Exception:
            ok = False
        if ok:
            return PASS
        return _fail("the answer does not have the required form", self.message)

    def __repr__(self) -> str:
        return f"predicate({self.message!r})"
