# Wrong: takes the percentiles at alpha and 1 - alpha instead of alpha / 2 and
# 1 - alpha / 2, so a "95%" interval only covers the middle 90%. The visible cases catch
# it: the interval comes out too narrow.
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    x = np.asarray(data, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(n_resamples, x.size))].mean(axis=1)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha, 100 * (1 - alpha)])
    return (float(low), float(high))
