# Wrong: computes the mean and standard deviation on the observed training values before
# the gaps are filled, instead of on the imputed training data. "missing values in both
# splits" catches it.
import numpy as np


def scale_without_leakage(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    medians = np.nanmedian(X_train, axis=0)
    mean = np.nanmean(X_train, axis=0)
    std = np.nanstd(X_train, axis=0)
    std[std == 0] = 1.0
    train = np.where(np.isnan(X_train), medians, X_train)
    test = np.where(np.isnan(X_test), medians, X_test)
    return (train - mean) / std, (test - mean) / std
