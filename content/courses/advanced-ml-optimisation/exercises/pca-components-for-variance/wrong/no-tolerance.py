# Wrong: compares the running totals with the threshold exactly, with no 1e-9 tolerance.
# A total that should reach 1.0 can stop at 0.9999999999999998, and a threshold a hair
# above a total is then missed. Caught by "all of the variance, with redundant columns" and
# "a threshold a hair above a cumulative sum".
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def components_for_variance(X, threshold):
    standardised = StandardScaler().fit_transform(np.asarray(X, dtype=float))
    cumulative = np.cumsum(PCA().fit(standardised).explained_variance_ratio_)
    k = int(np.searchsorted(cumulative, threshold)) + 1
    return min(k, len(cumulative))
