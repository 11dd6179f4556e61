# Wrong: resamples before dropping missing values and then ignores them in each mean, so n
# still counts the gaps and the resamples differ. "missing values" catches it.
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    values = np.asarray(data, dtype=float)
    n = values.size
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_resamples, n))
    means = np.nanmean(values[idx], axis=1)
    alpha = 1 - confidence
    low, high = np.nanpercentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(low), float(high))
