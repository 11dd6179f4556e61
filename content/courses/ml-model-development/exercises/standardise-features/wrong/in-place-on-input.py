# Wrong: standardises the caller's array in place with -= and /=. For float input the
# returned values are right, but an integer array cannot hold the fractional results, so
# NumPy refuses the in-place subtraction. The hidden "integer input" case catches it.
import numpy as np


def standardise(X):
    std = X.std(axis=0)
    std[np.ptp(X, axis=0) == 0] = 1.0
    X -= X.mean(axis=0)
    X /= std
    return X
