# Wrong: detects constant columns with std == 0. A column of one repeated decimal such
# as 0.1 has a computed standard deviation of about 1e-17, so it is divided into values
# near 1 instead of returned as zeros. The hidden case "a constant column of repeated
# decimals" catches it.
import numpy as np


def standardise(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std
