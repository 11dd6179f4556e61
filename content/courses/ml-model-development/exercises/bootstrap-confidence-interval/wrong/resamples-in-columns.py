# Wrong: draws the positions with shape (n, n_resamples) and averages down the columns, so
# each resample takes its values from a different part of the stream. "eight values, 95%
# interval" catches it.
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    values = np.asarray(data, dtype=float)
    values = values[~np.isnan(values)]
    n = values.size
    if n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, n, size=(n, n_resamples))].mean(axis=0)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(low), float(high))
