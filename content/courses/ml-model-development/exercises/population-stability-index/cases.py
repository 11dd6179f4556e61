import numpy as np

from grader.cases import Case, approx

SEED = 60601  # the generator passed to cases() is np.random.default_rng(SEED)

CLOSE = approx(rtol=1e-6, atol=1e-9)


OPEN_ENDS = (
    "The outer bins are open-ended: a current value beyond the baseline's largest value still "
    "counts in the last bin, so the baseline's minimum and maximum are not edges. After flooring "
    "the empty bins at eps, leave the shares alone; rescaling them to sum to 1 changes every term."
)
TIES_GO_UP = (
    "A value equal to a cut point belongs to the bin above it. Check which side your search or "
    "binning function sends ties to: pd.cut and searchsorted with side='left' send them below."
)
EMPTY_BINS = (
    "Repeated cut points leave bins that are empty in both samples. Floored at eps on both sides, "
    "such a bin adds exactly nothing, as long as the shares are not rescaled afterwards."
)
QUANTILE_CUTS = (
    "The cut points are the baseline's quantiles at 1/bins, 2/bins, ..., not evenly spaced values "
    "between its minimum and maximum, and a value outside the baseline's range still counts in an "
    "outer bin."
)
ARGUMENTS = (
    "Use the bins and eps you are given rather than the defaults, and turn lists into arrays. A "
    "value equal to a cut point goes to the bin above it."
)


def cases(rng, reference):
    baseline = np.arange(1, 101)
    # Quartile cuts of 1..100 are 25.75, 50.5 and 75.25; the current shares are 10/20/30/40%.
    current = np.array([5, 20] + [30, 35, 40, 45] + [55, 60, 62, 65, 70, 72] + [80] * 8)
    yield Case(
        "worked example: quartile bins, shares 10/20/30/40%",
        args=(baseline, current),
        kwargs={"bins": 4},
        expected=reference(baseline, current, bins=4),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "With bins=4 the baseline is 25% in each bin and the current sample falls "
            "10/20/30/40%: PSI = sum((q - p) * ln(q / p)) ≈ 0.2282."
        ),
    )

    same = np.linspace(-3, 3, 500)
    yield Case(
        "identical samples",
        args=(same, same.copy()),
        expected=reference(same, same),
        check=CLOSE,
        visible=True,
        points=1,
        description="When the current sample equals the baseline, every bin matches and PSI is 0.",
    )

    above = np.array([150, 180, 200, 400])
    yield Case(
        "every current value above the baseline's maximum",
        args=(baseline, above),
        kwargs={"bins": 4},
        expected=reference(baseline, above, bins=4),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "Values beyond the baseline's range belong to the last bin, which is open-ended. "
            "The other three bins are empty in the current sample, so their share is eps."
        ),
        hint=OPEN_ENDS,
    )

    ties = np.arange(0, 101)
    at_cuts = np.repeat(np.arange(10, 100, 10), 3)
    yield Case(
        "current values exactly on the cut points",
        args=(ties, at_cuts),
        expected=reference(ties, at_cuts),
        check=CLOSE,
        points=2,
        description=(
            "The deciles of 0..100 are 10, 20, ..., 90. A value equal to a cut point belongs "
            "to the bin above it."
        ),
        hint=TIES_GO_UP,
    )

    discrete = rng.integers(0, 4, size=1000)
    discrete_now = rng.choice(4, size=400, p=[0.1, 0.2, 0.3, 0.4])
    yield Case(
        "a discrete feature with many ties",
        args=(discrete, discrete_now),
        expected=reference(discrete, discrete_now),
        check=CLOSE,
        points=2,
        description=(
            "Several quantiles coincide, so some bins are empty in both samples; they must "
            "add nothing to the PSI."
        ),
        hint=EMPTY_BINS,
    )

    base = rng.normal(0, 1, size=5000)
    shifted = rng.normal(0.3, 1.2, size=3000)
    yield Case(
        "5,000 vs 3,000 normal values with a shift",
        args=(base, shifted),
        expected=reference(base, shifted),
        check=CLOSE,
        points=2,
        description="Samples of different sizes: compare shares, not counts.",
        hint=QUANTILE_CUTS,
    )

    small_base = rng.uniform(0, 10, size=300).round(2).tolist()
    small_now = rng.uniform(4, 6, size=25).round(2).tolist()
    yield Case(
        "Python lists, bins=20 and eps=1e-6",
        args=(small_base, small_now),
        kwargs={"bins": 20, "eps": 1e-6},
        expected=reference(small_base, small_now, bins=20, eps=1e-6),
        check=CLOSE,
        points=2,
        description="Use the bins and eps you are given, and accept plain lists.",
        hint=ARGUMENTS,
    )
