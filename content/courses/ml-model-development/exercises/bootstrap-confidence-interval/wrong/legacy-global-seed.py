# Wrong: seeds the legacy global generator with np.random.seed and draws from
# np.random.randint, a different stream from np.random.default_rng(seed), so every resample
# differs. "eight values, 95% interval" catches it.
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    values = np.asarray(data, dtype=float)
    values = values[~np.isnan(values)]
    n = values.size
    if n == 0:
        return (float("nan"), float("nan"))
    np.random.seed(seed)
    means = values[np.random.randint(0, n, size=(n_resamples, n))].mean(axis=1)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(low), float(high))
