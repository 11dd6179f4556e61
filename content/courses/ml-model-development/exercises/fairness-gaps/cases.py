import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 20250404

CLOSE = approx(rtol=1e-9, atol=1e-12)

# Hints name the mistake a failing case points to (see wrong/), never the case's data.
TPR_HINT = (
    "A group's true positive rate is the share of that group's actual positives "
    "(y_true == 1) that were predicted 1: divide by the group's own positives, not by the "
    "rows it selected (that is precision) nor by the positives of both groups."
)
ABS_TPR_HINT = (
    "Both gaps are absolute differences, never negative, whichever group comes first: "
    "take abs() of each difference. Each true positive rate is taken over that group's own "
    "actual positives, not over its selected rows or all positives."
)


def _case(name, reference, args, points, description, visible=False, hint=""):
    return Case(
        name,
        args=args,
        expected=reference(*args),
        check=CLOSE,
        visible=visible,
        points=points,
        description=description,
        hint=hint,
    )


def cases(rng, reference):
    """Visible cases follow the worked example; hidden ones cover input types and edge cases."""
    y_true = [1, 1, 0, 0, 1, 1, 1, 0, 0, 0]
    y_pred = [1, 1, 1, 0, 1, 0, 0, 1, 0, 0]
    group = ["A", "A", "A", "A", "A", "B", "B", "B", "B", "B"]
    yield _case(
        "ten applicants in two groups",
        reference,
        (y_true, y_pred, group),
        2,
        "Selection rate: mean of y_pred in a group. TPR: mean of y_pred where y_true is 1. "
        "Both gaps are absolute differences, never negative.",
        visible=True,
        hint=TPR_HINT,
    )

    y_true = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0])
    y_pred = np.array([1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1])
    group = np.array([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
    yield _case(
        "interleaved groups coded 0 and 1",
        reference,
        (y_true, y_pred, group),
        2,
        "Group rows are mixed together; select each group with a boolean mask.",
        visible=True,
        hint=ABS_TPR_HINT,
    )

    frame = pd.DataFrame(
        {
            "hired": [1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1],
            "shortlisted": [1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1],
            "sex": ["F", "M", "F", "M", "F", "M", "F", "M", "F", "M", "F", "M", "F", "M"],
        },
        index=pd.Index(rng.permutation(np.arange(500, 514)), name="applicant_id"),
    )
    yield _case(
        "pandas Series with a non-default index",
        reference,
        (frame["hired"], frame["shortlisted"], frame["sex"]),
        2,
        "Series from one DataFrame share a non-default index; the answer must not depend on it.",
    )

    size = 40
    y_true_b = rng.random(size) < 0.5
    y_pred_b = rng.random(size) < 0.4
    group_b = np.where(np.arange(size) % 3 == 0, "urban", "rural")
    yield _case(
        "boolean labels and predictions",
        reference,
        (y_true_b, y_pred_b, group_b),
        1,
        "True counts as 1 and False as 0.",
    )

    y_true_np = np.array([1, 0, 1, 1, 0, 0, 0, 0])
    y_pred_np = np.array([1, 0, 0, 1, 1, 0, 1, 0])
    group_np = np.array(["x", "x", "x", "x", "y", "y", "y", "y"])
    yield _case(
        "a group with no actual positives",
        reference,
        (y_true_np, y_pred_np, group_np),
        2,
        "A group without any y_true == 1 has no true positive rate: return nan for that gap.",
        hint=(
            "One group here has no actual positives, so its true positive rate is undefined. "
            "Treating it as 0.0 invents a measurement: the equal opportunity gap must be nan."
        ),
    )

    y_true_eq = np.array([1, 1, 0, 0, 1, 1, 0, 0])
    y_pred_eq = np.array([1, 0, 1, 0, 0, 1, 0, 1])
    group_eq = np.array(["p", "p", "p", "p", "q", "q", "q", "q"])
    yield _case(
        "identical rates in both groups",
        reference,
        (y_true_eq, y_pred_eq, group_eq),
        1,
        "When the groups are treated alike both gaps are exactly 0.0.",
    )

    n = 5000
    group_big = (rng.random(n) < 0.35).astype(int)
    base_rate = np.where(group_big == 1, 0.3, 0.5)
    y_true_big = (rng.random(n) < base_rate).astype(int)
    score = 0.6 * y_true_big + 0.4 * rng.random(n) - 0.1 * group_big
    y_pred_big = (score > 0.45).astype(int)
    yield _case(
        "5,000 rows with integer group codes",
        reference,
        (y_true_big, y_pred_big, group_big),
        2,
        "A larger dataset with different base rates in the two groups.",
        hint=TPR_HINT,
    )
