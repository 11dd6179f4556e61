# Wrong: builds mean +/- z * standard error from the bootstrap means instead of reading
# the percentiles off them. "eight values, 95% interval" catches it.
from statistics import NormalDist

import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    values = np.asarray(data, dtype=float)
    values = values[~np.isnan(values)]
    n = values.size
    if n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, n, size=(n_resamples, n))].mean(axis=1)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    centre, spread = values.mean(), means.std()
    return (float(centre - z * spread), float(centre + z * spread))
