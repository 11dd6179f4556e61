# Wrong: takes the statistics along axis=1, so each row (sample) is standardised instead
# of each column (feature). keepdims makes the shapes broadcast, so nothing raises. The
# visible cases and the hidden "square matrix" case catch it.
import numpy as np


def standardise(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std
