# Wrong: resamples the raw data, missing values included, and averages with nanmean. The
# resample size n then counts the gaps and the positions differ from the reference's, so
# the interval moves. The hidden "missing values" case catches it (and the all-missing
# case, which warns and returns nan only by luck of nanmean).
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    x = np.asarray(data, dtype=float)
    n = x.size
    if np.isnan(x).all():
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_resamples, n))
    means = np.nanmean(x[idx], axis=1)
    alpha = 1 - confidence
    low, high = np.nanpercentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(low), float(high))
