# Wrong: returns the textbook normal interval, mean plus or minus z times the standard
# error, instead of reading the percentiles of bootstrap means. It is close on large
# symmetric samples but not equal, and it ignores the seed. Every case with varying data
# catches it, starting with the visible "eight values, 95% interval".
from statistics import NormalDist

import numpy as np


def bootstrap_ci(data, n_resamples=1000, confidence=0.95, seed=0):
    x = np.asarray(data, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return (float("nan"), float("nan"))
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    half = z * x.std() / np.sqrt(x.size)
    return (float(x.mean() - half), float(x.mean() + half))
