import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    """Percentile bootstrap confidence interval for the mean, as a (low, high) tuple."""
    values = np.asarray(data, dtype=float)
    values = values[~np.isnan(values)]
    n = values.size
    if n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    positions = rng.integers(0, n, size=(n_resamples, n))
    means = values[positions].mean(axis=1)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(low), float(high))
