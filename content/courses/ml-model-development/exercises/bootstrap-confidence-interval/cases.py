import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 20250304

CLOSE = approx(rtol=1e-7, atol=1e-9)


def cases(rng, reference):
    """Visible cases show the procedure; hidden ones cover missing, constant and larger data."""
    small = [2, 4, 4, 5, 7, 9, 10, 12]
    kwargs = {"n_resamples": 1000, "confidence": 0.95, "seed": 0}
    yield Case(
        "eight values, 95% interval",
        args=(small,),
        kwargs=kwargs,
        expected=reference(small, **kwargs),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "Seed np.random.default_rng(seed), draw rng.integers(0, n, size=(n_resamples, n)) "
            "in one call, and take the 2.5th and 97.5th percentiles of the resample means."
        ),
        hint=(
            "If your bounds are close but not equal, check three things: the resamples "
            "come from np.random.default_rng(seed), not np.random.seed or np.random.choice; "
            "the interval is read from percentiles of the resample means, not from a "
            "normal formula; and a 95% interval cuts 2.5% from each tail, not 5%."
        ),
    )

    kwargs = {"n_resamples": 500, "confidence": 0.90, "seed": 42}
    yield Case(
        "same data, 90% interval and another seed",
        args=(small,),
        kwargs=kwargs,
        expected=reference(small, **kwargs),
        check=CLOSE,
        visible=True,
        points=2,
        description="The percentiles follow from the confidence level: 5th and 95th here.",
    )

    with_missing = np.array([3.1, np.nan, 4.7, 5.0, np.nan, 2.2, 6.8, 4.4, 3.9, np.nan])
    kwargs = {"n_resamples": 800, "confidence": 0.95, "seed": 7}
    yield Case(
        "missing values",
        args=(with_missing,),
        kwargs=kwargs,
        expected=reference(with_missing, **kwargs),
        check=CLOSE,
        points=2,
        description="Drop missing values before resampling, so n counts only real values.",
        hint=(
            "Drop the missing values before you draw anything: n is the number of real "
            "values, and resampling positions over the gaps changes every resample even "
            "if nanmean skips them afterwards."
        ),
    )

    constant = np.full(25, 3.5)
    kwargs = {"n_resamples": 300, "confidence": 0.95, "seed": 1}
    yield Case(
        "constant data",
        args=(constant,),
        kwargs=kwargs,
        expected=reference(constant, **kwargs),
        check=CLOSE,
        points=1,
        description="When every value is the same, the interval collapses to that value.",
    )

    kwargs = {"n_resamples": 200, "confidence": 0.95, "seed": 3}
    yield Case(
        "a single value",
        args=([9.0],),
        kwargs=kwargs,
        expected=reference([9.0], **kwargs),
        check=CLOSE,
        points=1,
        description="One value can only be resampled as itself.",
    )

    all_missing = np.array([np.nan, np.nan, np.nan])
    kwargs = {"n_resamples": 100, "confidence": 0.95, "seed": 0}
    yield Case(
        "entirely missing data",
        args=(all_missing,),
        kwargs=kwargs,
        expected=reference(all_missing, **kwargs),
        check=CLOSE,
        points=1,
        description="With nothing left after dropping missing values, return (nan, nan).",
    )

    skewed = rng.lognormal(mean=3.0, sigma=0.9, size=400)
    kwargs = {"n_resamples": 2500, "confidence": 0.99, "seed": int(rng.integers(1, 10_000))}
    yield Case(
        "larger skewed sample, 99% interval",
        args=(skewed,),
        kwargs=kwargs,
        expected=reference(skewed, **kwargs),
        check=CLOSE,
        points=2,
        description="Use the given seed, number of resamples and confidence level.",
    )

    series = pd.Series(rng.normal(50, 12, size=60).round(1), name="basket_value")
    series.iloc[rng.choice(60, size=6, replace=False)] = np.nan
    series.index = pd.RangeIndex(1000, 1060)
    kwargs = {"n_resamples": 1200, "confidence": 0.9, "seed": 11}
    yield Case(
        "a pandas Series with gaps",
        args=(series,),
        kwargs=kwargs,
        expected=reference(series, **kwargs),
        check=CLOSE,
        points=1,
        description="Accept a Series as well as an array, and drop its missing values.",
    )
