import numpy as np


def components_for_variance(X: np.ndarray, threshold: float) -> int:
    """Return the smallest number of principal components that explain `threshold`.

    X         -- 2-D array (or DataFrame) of shape (n_samples, n_features), numbers only
    threshold -- the fraction of total variance to keep, with 0 < threshold <= 1

    Standardise every column first (mean 0, standard deviation 1; a constant column becomes
    all zeros), then find the explained variance ratio of each principal component, in
    decreasing order, and return the smallest k whose first k ratios add up to at least
    `threshold` (allow a tolerance of 1e-9). Return a plain Python int.
    """
    raise NotImplementedError("Replace this line with your implementation")
