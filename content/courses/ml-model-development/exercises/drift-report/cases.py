import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 60602  # the generator passed to cases() is np.random.default_rng(SEED)

CLOSE = approx(rtol=1e-6, atol=1e-9)


BOUNDARIES = (
    "Compare the unrounded PSI with the thresholds: stable below 0.1, moderate from 0.1 up to "
    "but not including 0.25, significant from 0.25. Rounding first, or a 0.2 cut-off borrowed "
    "from another rule of thumb, moves features that sit close to a threshold."
)
BASELINE_COLUMNS = (
    "Loop over the numeric columns of the baseline, in the baseline's order, and look each one "
    "up in the current frame by name; the current frame's own columns, order and extras do not "
    "decide the rows."
)
MISSING = (
    "Drop the missing values of each column, in each frame, before computing its PSI; a single "
    "NaN makes the quantiles, and so the whole PSI, NaN."
)


def cases(rng, reference):
    baseline = pd.DataFrame(
        {"age": np.arange(1, 101), "income": np.arange(1, 101), "tenure": np.arange(1, 101)}
    )
    current = pd.DataFrame(
        {
            # five values in each quartile bin: the same shape as the baseline
            "age": [10, 12, 14, 16, 18, 30, 35, 40, 45, 48, 55, 60, 65, 70, 74, 80, 85, 90, 95, 99],
            # shares 10/20/30/40% of the quartile bins
            "income": [5, 20, 30, 35, 40, 45, 55, 60, 62, 65, 70, 72] + [80] * 8,
            # everything beyond the baseline's maximum
            "tenure": np.arange(101, 121),
        }
    )
    yield Case(
        "three features, one of each status (bins=4)",
        args=(baseline, current),
        kwargs={"bins": 4},
        expected=reference(baseline, current, bins=4),
        check=CLOSE,
        visible=True,
        points=3,
        description=(
            "age keeps the baseline's shape (PSI 0, stable), income moves to shares "
            "10/20/30/40% (PSI ≈ 0.228, moderate) and tenure lies wholly above the baseline "
            "(significant)."
        ),
        hint=BOUNDARIES,
    )

    shop_before = pd.DataFrame(
        {"region": ["north", "south"] * 4, "spend": [10, 20, 30, 40, 50, 60, 70, 80]}
    )
    shop_now = pd.DataFrame(
        {
            "new_score": [0.3, 0.9, 0.1, 0.5, 0.7, 0.2, 0.8, 0.4],
            "spend": [15, 25, 35, 45, 55, 65, 75, 85],
            "region": ["south"] * 8,
        }
    )
    yield Case(
        "text columns skipped, extra current columns ignored (bins=4)",
        args=(shop_before, shop_now),
        kwargs={"bins": 4},
        expected=reference(shop_before, shop_now, bins=4),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "Only spend is a numeric column of the baseline, so the report has one row. "
            "region holds text, and new_score exists only in the current frame."
        ),
        hint=BASELINE_COLUMNS,
    )

    n_before, n_now = 2000, 800
    with_gaps_before = pd.DataFrame(
        {"x": rng.normal(0, 1, n_before), "y": rng.exponential(2.0, n_before)}
    )
    with_gaps_now = pd.DataFrame({"x": rng.normal(0.4, 1, n_now), "y": rng.exponential(2.0, n_now)})
    with_gaps_before.loc[rng.choice(n_before, 150, replace=False), "x"] = np.nan
    with_gaps_now.loc[rng.choice(n_now, 200, replace=False), "y"] = np.nan
    yield Case(
        "missing values in both frames",
        args=(with_gaps_before, with_gaps_now),
        expected=reference(with_gaps_before, with_gaps_now),
        check=CLOSE,
        points=2,
        description="Drop missing values column by column before computing each PSI.",
        hint=MISSING,
    )

    names = ["balance", "age", "logins", "basket", "latency", "discount"]
    shifts = [0.0, 0.05, 0.45, 0.6, 1.2, 0.0]
    big_before = pd.DataFrame({n: rng.normal(0, 1, 5000) for n in names})
    big_now = pd.DataFrame({n: rng.normal(s, 1, 2000) for n, s in zip(names, shifts, strict=True)})
    big_now["discount"] = big_now["discount"] * 1.5  # a wider spread, same centre
    big_now = big_now[names[::-1]]  # the current frame lists its columns in another order
    yield Case(
        "six features, columns in a different order in the current frame",
        args=(big_before, big_now),
        expected=reference(big_before, big_now),
        check=CLOSE,
        points=3,
        description="Rows follow the baseline's column order, whatever the current frame's order.",
        hint=BASELINE_COLUMNS,
    )

    counts_before = pd.DataFrame(
        {
            "products": rng.integers(0, 6, 1500),
            "months": rng.integers(1, 61, 1500),
            "segment": rng.choice(["a", "b", "c"], 1500),
        }
    )
    counts_now = pd.DataFrame(
        {
            "products": rng.choice(6, 600, p=[0.05, 0.1, 0.15, 0.2, 0.25, 0.25]),
            "months": rng.integers(1, 61, 600),
            "segment": rng.choice(["a", "b", "c"], 600),
        }
    )
    yield Case(
        "integer features with many ties, bins=5",
        args=(counts_before, counts_now),
        kwargs={"bins": 5},
        expected=reference(counts_before, counts_now, bins=5),
        check=CLOSE,
        points=2,
        description="Integer columns count as numeric; repeated cut points give empty bins.",
    )

    # Four features whose PSI lands just either side of the two status thresholds. The
    # baseline is 1..100 (quartile cuts 25.75, 50.5, 75.25); each current column puts the
    # given number of its 400 rows in the four bins.
    edge_counts = {
        "just_below_0_1": [55, 101, 105, 139],  # PSI 0.0999985: stable
        "just_above_0_1": [56, 95, 109, 140],  # PSI 0.1000074: moderate
        "just_below_0_25": [56, 57, 104, 183],  # PSI 0.2499956: moderate
        "just_above_0_25": [35, 85, 126, 154],  # PSI 0.2500034: significant
    }
    edge_before = pd.DataFrame({name: np.arange(1, 101) for name in edge_counts})
    edge_now = pd.DataFrame(
        {
            name: rng.permutation(np.repeat([13.0, 38.0, 63.0, 88.0], counts))
            for name, counts in edge_counts.items()
        }
    )
    yield Case(
        "PSI a hair either side of 0.1 and 0.25 (bins=4)",
        args=(edge_before, edge_now),
        kwargs={"bins": 4},
        expected=reference(edge_before, edge_now, bins=4),
        check=CLOSE,
        points=2,
        description=(
            "Each feature's PSI lies within 1e-5 of a threshold: 0.1 starts moderate and "
            "0.25 starts significant, compared with the PSI itself."
        ),
        hint=BOUNDARIES,
    )
