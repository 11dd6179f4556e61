# Wrong: puts all of alpha in each tail (the 5th and 95th percentiles for 95%), which gives
# a 90% interval. "eight values, 95% interval" catches it.
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    values = np.asarray(data, dtype=float)
    values = values[~np.isnan(values)]
    n = values.size
    if n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, n, size=(n_resamples, n))].mean(axis=1)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha, 100 * (1 - alpha)])
    return (float(low), float(high))
