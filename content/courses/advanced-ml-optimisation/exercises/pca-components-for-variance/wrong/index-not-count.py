# Wrong: returns the position of the first running total that reaches the threshold,
# which counts from 0, instead of the number of components, which counts from 1. Every
# answer is one too small. Caught by every case, first by "three body measurements, 95% of
# variance" (a visible case).
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

TOLERANCE = 1e-9


def components_for_variance(X, threshold):
    standardised = StandardScaler().fit_transform(np.asarray(X, dtype=float))
    cumulative = np.cumsum(PCA().fit(standardised).explained_variance_ratio_)
    return int(np.argmax(cumulative >= threshold - TOLERANCE))
