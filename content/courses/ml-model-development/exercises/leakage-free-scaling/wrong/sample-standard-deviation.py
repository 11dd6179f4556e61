# Wrong: divides by the sample standard deviation (ddof=1) instead of the population one
# (ddof=0). "no missing values" catches it.
import numpy as np


def scale_without_leakage(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    medians = np.nanmedian(X_train, axis=0)
    train = np.where(np.isnan(X_train), medians, X_train)
    test = np.where(np.isnan(X_test), medians, X_test)
    mean = train.mean(axis=0)
    std = train.std(axis=0, ddof=1)
    std[std == 0] = 1.0
    return (train - mean) / std, (test - mean) / std
