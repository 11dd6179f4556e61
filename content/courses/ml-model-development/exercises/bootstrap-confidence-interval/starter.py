import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    """Percentile bootstrap confidence interval for the mean, as a (low, high) tuple.

    Drop missing values, then with rng = np.random.default_rng(seed) draw
    idx = rng.integers(0, n, size=(n_resamples, n)) in one call, take the mean of each
    resample, and return the (1 - confidence) / 2 and (1 + confidence) / 2 percentiles
    of those means as two floats. Entirely missing data give (nan, nan).
    """
    values = np.asarray(data, dtype=float)
    # This is the interval you would get with no resampling at all: it has zero width.
    return (float(np.nanmean(values)), float(np.nanmean(values)))
