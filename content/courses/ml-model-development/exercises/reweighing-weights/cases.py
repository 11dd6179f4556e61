import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 20250405

CLOSE = approx(rtol=1e-9, atol=1e-12)

# Hints name the mistake a failing case points to (see wrong/), never the case's data.
FORMULA_HINT = (
    "The weight is P(group) * P(label) / P(group, label), not its inverse: a cell with more "
    "rows than independence predicts gets a weight below 1. If every weight is off by the "
    "same factor, use shares (counts divided by the number of rows) and do not rescale the "
    "weights to sum to 1."
)
SCALE_HINT = (
    "Build each probability from shares, counts divided by the number of rows, and leave "
    "the weights as the formula gives them: they add up to the number of rows, not to 1."
)


def _case(name, reference, df, group_col, label_col, points, description, visible=False, hint=""):
    return Case(
        name,
        args=(df, group_col, label_col),
        expected=reference(df, group_col, label_col),
        check=CLOSE,
        visible=visible,
        points=points,
        description=description,
        hint=hint,
    )


def cases(rng, reference):
    """Visible cases follow the worked example; hidden ones cover index, groups and scale."""
    small = pd.DataFrame(
        {"group": ["A", "A", "A", "A", "A", "A", "B", "B"], "label": [1, 1, 1, 1, 0, 0, 1, 0]}
    )
    yield _case(
        "eight rows, two groups",
        reference,
        small,
        "group",
        "label",
        2,
        "Weight = P(group) * P(label) / P(group, label), one per row, in row order.",
        visible=True,
        hint=FORMULA_HINT,
    )

    loans = pd.DataFrame(
        {
            "age_band": ["young", "old", "young", "old", "old", "young", "old", "old", "young"],
            "income": [21, 54, 33, 61, 47, 25, 39, 58, 30],
            "repaid": [0, 1, 0, 1, 1, 1, 0, 1, 0],
        }
    )
    yield _case(
        "other columns present",
        reference,
        loans,
        "age_band",
        "repaid",
        2,
        "Use only the named group and label columns; ignore the rest.",
        visible=True,
    )

    shuffled = pd.DataFrame(
        {
            "region": rng.choice(["north", "south"], size=20, p=[0.7, 0.3]),
            "approved": rng.integers(0, 2, size=20),
        },
        index=pd.Index(rng.permutation(np.arange(100, 120)), name="customer_id"),
    )
    yield _case(
        "shuffled non-default index",
        reference,
        shuffled,
        "region",
        "approved",
        2,
        "Return a NumPy array in the DataFrame's row order, whatever its index.",
        hint=(
            "The index here is shuffled. If your weights come out in index order (a sort, or "
            "a reindex on sorted labels), they no longer line up with the rows of df."
        ),
    )

    three = pd.DataFrame(
        {
            "ethnicity": ["p", "q", "r", "p", "q", "r", "p", "p", "q", "r", "r", "p"],
            "outcome": [
                "yes",
                "no",
                "no",
                "yes",
                "yes",
                "no",
                "no",
                "yes",
                "no",
                "yes",
                "no",
                "yes",
            ],
        }
    )
    yield _case(
        "three groups and string labels",
        reference,
        three,
        "ethnicity",
        "outcome",
        2,
        "The formula works for any number of groups and any label values.",
    )

    balanced = pd.DataFrame({"g": [0, 0, 0, 0, 1, 1, 1, 1], "y": [0, 1, 0, 1, 1, 0, 1, 0]})
    yield _case(
        "already balanced",
        reference,
        balanced,
        "g",
        "y",
        1,
        "When group and label are already independent every weight is 1.",
        hint=SCALE_HINT,
    )

    one_label = pd.DataFrame(
        {"site": ["a", "a", "a", "b", "b", "b", "b", "c", "c"], "y": [1, 1, 1, 0, 1, 0, 0, 1, 0]}
    )
    yield _case(
        "a group whose rows share one label",
        reference,
        one_label,
        "site",
        "y",
        1,
        "Only combinations that occur need a weight; a missing cell is never divided by.",
    )

    n = 3000
    group = rng.choice(["A", "B", "C"], size=n, p=[0.6, 0.3, 0.1])
    base_rate = pd.Series(group).map({"A": 0.55, "B": 0.35, "C": 0.2}).to_numpy()
    big = pd.DataFrame(
        {
            "x1": rng.normal(size=n),
            "group": group,
            "x2": rng.integers(0, 50, size=n),
            "label": (rng.random(n) < base_rate).astype(int),
        },
        index=pd.RangeIndex(5000, 5000 + n),
    )
    yield _case(
        "3,000 rows with extra columns",
        reference,
        big,
        "group",
        "label",
        2,
        "A larger dataset with three groups and different base rates.",
        hint=FORMULA_HINT,
    )
