# Wrong: seeds NumPy's legacy global generator and resamples with np.random.choice. That
# is reproducible, but it is a different random stream from default_rng(seed), so every
# resample differs from the reference's. The visible "eight values, 95% interval" case
# catches it, as does every case with more than one distinct value.
import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    x = np.asarray(data, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return (float("nan"), float("nan"))
    np.random.seed(seed)
    means = np.random.choice(x, size=(n_resamples, x.size)).mean(axis=1)
    alpha = 1 - confidence
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return (float(low), float(high))
