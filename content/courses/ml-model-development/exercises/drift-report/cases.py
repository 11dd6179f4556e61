import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 60602  # the generator passed to cases() is np.random.default_rng(SEED)

CLOSE = approx(rtol=1e-6, atol=1e-9)


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
        points=2,
        description="Rows follow the baseline's column order, whatever the current frame's order.",
    )

    edge_before, edge_now = boundary_cases(rng, reference)
    yield Case(
        "PSI values either side of 0.1 and 0.25 (bins=4)",
        args=(edge_before, edge_now),
        kwargs={"bins": 4},
        expected=reference(edge_before, edge_now, bins=4),
        check=CLOSE,
        points=1,
        description="PSI values a hair either side of 0.1 and 0.25 test where each status starts.",
        hint=(
            "The PSI values were right but a status was not: look at your thresholds. "
            "stable is below 0.1, moderate runs from 0.1 up to but not including 0.25, and "
            "significant starts at 0.25, not at 0.2 as some rules of thumb have it."
        ),
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


def _near(rng, reference, baseline, low, high, n_now=1000):
    """Current values whose PSI against ``baseline`` (bins=4) lies in [low, high)."""
    cuts = np.quantile(baseline, [0.25, 0.5, 0.75])
    edges = np.concatenate([[baseline.min()], cuts, [baseline.max()]])
    frame = pd.DataFrame({"v": baseline})
    options = []
    # Move k rows from the first quartile bin to the last and keep the k that land in range.
    for k in range(n_now // 4):
        counts = [n_now // 4 - k, n_now // 4, n_now // 4, n_now // 4 + k]
        values = np.concatenate(
            [
                rng.uniform(edges[i] + 1e-9, edges[i + 1] - 1e-9, size=c)
                for i, c in enumerate(counts)
            ]
        )
        psi = reference(frame, pd.DataFrame({"v": values}), bins=4)["psi"].iloc[0]
        if low <= psi < high:
            options.append(values)
    return rng.permutation(options[int(rng.integers(len(options)))])


def boundary_cases(rng, reference):
    """Four features whose PSI sits just either side of the 0.1 and 0.25 boundaries."""
    targets = {
        "just_stable": (0.09, 0.0995),
        "just_moderate": (0.1005, 0.11),
        "high_moderate": (0.2, 0.2495),
        "just_significant": (0.2505, 0.27),
    }
    before, now = {}, {}
    for name, (low, high) in targets.items():
        before[name] = rng.normal(50.0, 10.0, size=2000)
        now[name] = _near(rng, reference, before[name], low, high)
    return pd.DataFrame(before), pd.DataFrame(now)
