# Wrong: divides first and turns the resulting nan into 0 afterwards. That repairs a
# column whose standard deviation is exactly 0, but a column of a repeated decimal such
# as 0.1 has a standard deviation of about 1e-17, so it becomes values near 1 rather than
# nan. The hidden case "a constant column of repeated decimals" catches it.
import numpy as np


def standardise(X):
    X = np.asarray(X, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (X - X.mean(axis=0)) / X.std(axis=0)
    return np.nan_to_num(z)
