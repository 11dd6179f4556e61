# Wrong: divides every column by its training standard deviation with no guard, so a
# constant training column becomes nan and inf. "a constant training column" catches it.
import numpy as np


def scale_without_leakage(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    medians = np.nanmedian(X_train, axis=0)
    train = np.where(np.isnan(X_train), medians, X_train)
    test = np.where(np.isnan(X_test), medians, X_test)
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (train - mean) / std, (test - mean) / std
