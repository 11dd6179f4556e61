import numpy as np


def stratified_fold_indices(y, k):
    y = np.asarray(y)
    # Deal every class's indices round-robin across the folds, carrying on from the fold
    # where the previous class stopped, so that both the per-class counts and the total
    # fold sizes differ by at most one.
    order = np.concatenate([np.flatnonzero(y == label) for label in np.unique(y)])
    fold_of = np.empty(len(y), dtype=int)
    fold_of[order] = np.arange(len(y)) % k
    return [np.flatnonzero(fold_of == fold) for fold in range(k)]
