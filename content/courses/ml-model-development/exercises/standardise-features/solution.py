import numpy as np


def standardise(X: np.ndarray) -> np.ndarray:
    """Return a float copy of X in which every column has mean 0 and standard deviation 1."""
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    # A column is constant when its largest and smallest values are equal. Testing
    # std == 0 is not enough: a column of 0.1 repeated can have a std of about 1e-17.
    constant = np.ptp(X, axis=0) == 0
    z = (X - mean) / np.where(constant, 1.0, std)
    z[:, constant] = 0.0  # a feature that never changes carries no information
    return z
