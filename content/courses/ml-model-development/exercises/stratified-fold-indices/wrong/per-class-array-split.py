# Wrong: splits each class with np.array_split, which always gives the larger pieces to the
# first folds, so fold sizes drift apart; "two classes of 5, k=3" catches it.
import numpy as np


def stratified_fold_indices(y, k):
    y = np.asarray(y)
    folds = [[] for _ in range(k)]
    for label in np.unique(y):
        for fold, piece in enumerate(np.array_split(np.flatnonzero(y == label), k)):
            folds[fold].extend(piece.tolist())
    return [np.array(fold, dtype=int) for fold in folds]
