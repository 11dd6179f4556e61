import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 20240704

CLOSE = approx(rtol=1e-9, atol=1e-9)

# Hints name the mistake a failing case points to (see wrong/), never the case's data.
MEDIAN_HINT = (
    "Fill each numeric column's gaps with its median, not its mean: a single extreme value "
    "drags the mean far from the typical value."
)
GAPS_HINT = (
    "Take the quartiles and fences from the observed values before you fill any gaps: "
    "imputed medians pull the fences inwards and flag ordinary rows. Fill the gaps with "
    "each column's median, not its mean."
)
FENCE_HINT = (
    "A value exactly on a fence is not an outlier: flag only values strictly below "
    "Q1 - 1.5 IQR or strictly above Q3 + 1.5 IQR (< and >, not <= and >=)."
)
EMPTY_COLUMN_HINT = (
    "Fill each numeric column's gaps with its median, not its mean: a single extreme value "
    "drags the mean away. A column with no observed values has no median, so it stays "
    "missing and cannot flag a row."
)


def _with_gaps(rng, values, share):
    values = np.asarray(values, dtype=float).copy()
    values[rng.random(values.size) < share] = np.nan
    return values


def cases(rng, reference):
    """Visible cases walk through the rule; hidden ones cover the edges named in the prompt."""
    example = pd.DataFrame(
        {
            "age": [34, np.nan, 29, 41, 38, 95],
            "income": [52.0, 48.0, np.nan, 61.5, 39.0, 45.0],
            "plan": ["basic", "plus", "basic", "pro", "plus", "basic"],
        }
    )
    yield Case(
        "the example from the prompt",
        args=(example,),
        expected=reference(example),
        check=CLOSE,
        visible=True,
        points=2,
        description="Quartiles come from observed values: 61.5 is inside the income fences.",
        hint=GAPS_HINT,
    )

    sensors = pd.DataFrame(
        {
            "sensor": ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"],
            "temp": [21.0, 22.5, np.nan, 23.0, 21.5, -40.0, 22.0, np.nan],
            "humidity": [40.0, 42.0, 38.0, np.nan, 41.0, 39.0, 90.0, 43.0],
        }
    )
    yield Case(
        "two numeric columns with gaps",
        args=(sensors,),
        expected=reference(sensors),
        check=CLOSE,
        visible=True,
        points=2,
        description="Rows 5 and 6 hold outliers in different columns; each flags its own row.",
        hint=MEDIAN_HINT,
    )

    n = 300
    big = pd.DataFrame(
        {
            "city": [str(c) for c in rng.choice(["Leeds", "Lyon", "Lima", "Lagos"], size=n)],
            "price": _with_gaps(rng, rng.lognormal(5.0, 0.4, size=n), 0.1),
            "rooms": _with_gaps(rng, rng.integers(1, 6, size=n), 0.05),
            "distance": _with_gaps(rng, rng.normal(8.0, 3.0, size=n), 0.15),
        }
    )
    big.loc[rng.choice(n, size=6, replace=False), "distance"] = [
        60.0,
        -30.0,
        55.0,
        48.0,
        70.0,
        -25.0,
    ]
    yield Case(
        "300 rows with gaps, planted outliers and a text column",
        args=(big,),
        expected=reference(big),
        check=CLOSE,
        points=2,
        description="Each numeric column gets its own fences and its own median.",
        hint=GAPS_HINT,
    )

    labels = [f"row-{k}" for k in rng.permutation(40)]
    sparse = pd.DataFrame(
        {
            "score": _with_gaps(rng, rng.normal(50.0, 5.0, size=40), 0.45),
            "visits": rng.integers(0, 20, size=40),
        },
        index=pd.Index(labels, name="id"),
    )
    yield Case(
        "many gaps and a custom index",
        args=(sparse,),
        expected=reference(sparse),
        check=CLOSE,
        points=2,
        description="Keep the original index; computing quartiles after imputing flags too many rows.",
        hint=GAPS_HINT,
    )

    fence = pd.DataFrame(
        {
            "a": [1.0, 2.0, 3.0, 4.0, 7.0],
            "b": [10, 11, 12, 13, 14],
        }
    )
    yield Case(
        "a value exactly on the upper fence",
        args=(fence,),
        expected=reference(fence),
        check=CLOSE,
        points=1,
        description="Q1 = 2 and Q3 = 4 put the upper fence at exactly 7: not an outlier.",
        hint=FENCE_HINT,
    )

    empty_column = pd.DataFrame(
        {
            "weight": [70.0, 82.0, np.nan, 65.0, 300.0, 77.0],
            "notes": [np.nan] * 6,
            "team": ["red", "blue", "red", "green", "blue", "red"],
        },
        index=[10, 20, 30, 40, 50, 60],
    )
    yield Case(
        "a numeric column with no observed values",
        args=(empty_column,),
        expected=reference(empty_column),
        check=CLOSE,
        points=1,
        description="An all-missing column has no median: it stays missing and flags nothing.",
        hint=EMPTY_COLUMN_HINT,
    )
