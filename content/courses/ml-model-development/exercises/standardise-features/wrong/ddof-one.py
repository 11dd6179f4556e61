# Wrong: uses the sample standard deviation (ddof=1, as pandas does) instead of the
# population one, so every value is slightly too small in magnitude. The visible
# "heights and weights" case catches it, and so does every varying case.
import numpy as np


def standardise(X):
    X = np.asarray(X, dtype=float)
    std = X.std(axis=0, ddof=1)
    std = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
    return (X - X.mean(axis=0)) / std
