# Wrong: runs PCA on the raw columns. The column with the largest units (income in pounds)
# carries almost all the variance, so one component always seems enough. Caught by
# "columns in very different units" (a visible case) and the hidden arbitrary-units case.
import numpy as np
from sklearn.decomposition import PCA

TOLERANCE = 1e-9


def components_for_variance(X, threshold):
    cumulative = np.cumsum(PCA().fit(np.asarray(X, dtype=float)).explained_variance_ratio_)
    k = int(np.searchsorted(cumulative, threshold - TOLERANCE)) + 1
    return min(k, len(cumulative))
