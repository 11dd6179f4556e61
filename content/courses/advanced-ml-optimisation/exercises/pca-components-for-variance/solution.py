import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

# Cumulative sums of floats rarely land exactly on a threshold such as 1.0.
TOLERANCE = 1e-9


def components_for_variance(X: np.ndarray, threshold: float) -> int:
    """Smallest number of principal components of standardised X explaining `threshold`."""
    standardised = StandardScaler().fit_transform(np.asarray(X, dtype=float))
    ratios = PCA().fit(standardised).explained_variance_ratio_
    cumulative = np.cumsum(ratios)
    k = int(np.searchsorted(cumulative, threshold - TOLERANCE)) + 1
    return min(k, len(ratios))
