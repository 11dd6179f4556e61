# Wrong: standardises by hand with (X - mean) / std, so a constant column divides 0 by 0
# and becomes nan, and the decomposition fails. Caught by "a constant column".
import numpy as np

TOLERANCE = 1e-9


def components_for_variance(X, threshold):
    X = np.asarray(X, dtype=float)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    eigenvalues = np.linalg.eigvalsh(np.cov(Z, rowvar=False))[::-1]
    cumulative = np.cumsum(eigenvalues / eigenvalues.sum())
    k = int(np.searchsorted(cumulative, threshold - TOLERANCE)) + 1
    return min(k, len(cumulative))
