"""The checks in grader.cases: what passes, what fails, and what each failure says."""

import math

import numpy as np
import pandas as pd
import pytest

from grader.cases import Case, approx, exact, metric_at_least, metric_at_most, predicate


def test_approx_accepts_values_within_tolerance_and_nan_for_nan():
    check = approx(rtol=1e-6)
    assert check(np.array([1.0, np.nan]), np.array([1.0000001, np.nan])).passed
    assert check(1.0 + 1e-9, 1).passed
    assert check(math.inf, math.inf).passed
    assert not check(-math.inf, math.inf).passed


def test_approx_reports_the_first_difference_with_its_position():
    outcome = approx()(np.array([[1.0, 2.0], [3.0, 9.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert not outcome.passed and outcome.kind == "wrong values"
    assert "1 of 4 values differ" in outcome.detail and "(1, 1)" in outcome.detail
    assert "expected 4.0, got 9.0" in outcome.detail


def test_approx_refuses_another_type_or_shape():
    outcome = approx()([1.0, 2.0], np.array([1.0, 2.0]))
    assert outcome.kind == "wrong type" and "a NumPy array, got a list" in outcome.detail
    outcome = approx()(np.zeros((2, 3)), np.zeros((3, 2)))
    assert outcome.kind == "wrong shape" and "(3, 2)" in outcome.detail
    assert not approx()(np.array([True]), np.array([1.0])).passed


def test_approx_compares_pandas_index_columns_and_values():
    expected = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]}, index=[10, 20])
    assert approx()(expected.copy(), expected).passed
    renamed = expected.rename(columns={"b": "B"})
    assert approx()(renamed, expected).kind == "wrong index or columns"
    shifted = expected.set_axis([10, 21])
    assert "index differs" in approx()(shifted, expected).detail
    changed = expected.assign(b=["x", "z"])
    outcome = approx()(changed, expected)
    assert "column 'b'" in outcome.detail and "row 20" in outcome.detail
    series = pd.Series([1.0, 2.0], index=["p", "q"])
    assert approx()(series * (1 + 1e-9), series).passed
    assert approx()(series.to_numpy(), series).kind == "wrong type"


def test_exact_needs_the_same_type_family_throughout():
    assert exact()({"k": (1, "a")}, {"k": (1, "a")}).passed
    outcome = exact()((1, 2.0), (1, 2))
    assert not outcome.passed and "expected an int at [1], got a float" in outcome.detail
    assert not exact()([1, 2], (1, 2)).passed
    assert exact()(np.int64(3), 3).passed
    assert not exact()(True, 1).passed
    assert "missing keys 'b'" in exact()({"a": 1}, {"a": 1, "b": 2}).detail


def test_metric_checks_score_predictions_against_trusted_labels():
    truth = np.array([0, 1, 1, 0])

    def accuracy(y, p):
        return float(np.mean(np.asarray(y) == np.asarray(p)))

    assert metric_at_least(accuracy, truth, 0.75)(np.array([0, 1, 1, 1])).passed
    outcome = metric_at_least(accuracy, truth, 0.9, label="accuracy")(np.array([0, 1, 1, 1]))
    assert not outcome.passed and "accuracy is 0.75; it must be at least 0.9" in outcome.detail
    assert "0.75" not in outcome.kind  # hidden cases must not leak the score
    assert metric_at_least(accuracy, truth, 0.5)([0, 1]).kind == "wrong shape"
    assert metric_at_least(accuracy, truth, 0.5)("0110").kind == "wrong type"

    def mse(y, p):
        return float(np.mean((np.asarray(y) - np.asarray(p)) ** 2))

    assert metric_at_most(mse, truth, 0.3)(np.array([0, 1, 1, 1])).passed
    assert not metric_at_most(mse, truth, 0.1)(np.array([0, 1, 1, 1])).passed
    assert not metric_at_most(mse, truth, 1.0)(np.array([np.nan] * 4)).passed


def test_predicate_passes_on_true_and_fails_on_false_or_exception():
    check = predicate(lambda v: len(v) == 2, "two items")
    assert check([1, 2]).passed
    assert check([1]).detail == "two items"
    assert not check(None).passed  # len(None) raises: a failure, never a pass


def test_case_defaults_and_validation():
    assert repr(Case("n", args=(1,), expected=2.0).check).startswith("approx")
    assert repr(Case("s", args=(1,), expected="x").check) == "exact()"
    with pytest.raises(ValueError, match="expected value or a check"):
        Case("missing")
    with pytest.raises(ValueError, match="needs an expected value"):
        Case("needs", check=approx())
    with pytest.raises(TypeError, match="args must be a tuple"):
        Case("bad", args=[1], expected=1)
    case = Case("ml", check=predicate(bool, "non-empty"))
    assert case.points == 1 and case.visible is False


def test_a_crashing_check_is_a_failure_not_a_pass():
    def broken(received):
        raise RuntimeError("boom")

    case = Case("c", check=predicate(broken, "x"))
    assert not case.judge(1).passed
    case = Case("d", expected=1, check=lambda received, expected: 1 / 0)
    outcome = case.judge(1)
    assert not outcome.passed and "ZeroDivisionError" in outcome.detail
