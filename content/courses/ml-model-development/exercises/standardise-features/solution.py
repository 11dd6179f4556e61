import numpy as np


def standardise(X: np.ndarray) -> np.ndarray:
    """Return a float copy of X in which every column has mean 0 and standard deviation 1."""
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    # A constant column has nothing to scale: dividing by 1 leaves its centred zeros.
    std = np.where(std == 0, 1.0, std)
    return (X - mean) / std
