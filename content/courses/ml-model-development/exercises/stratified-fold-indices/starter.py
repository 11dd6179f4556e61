import numpy as np


def stratified_fold_indices(y, k):
    """Split the positions 0..n-1 of y into k test folds that keep class proportions.

    y: class labels, a 1-D NumPy array or list (ints or strings), length n.
    k: the number of folds, an int with 2 <= k <= n.

    Returns a list of k 1-D NumPy integer arrays. Together they hold every index
    0..n-1 exactly once; their sizes differ by at most one; and for every class, the
    number of its members in each fold differs by at most one between folds.

    Hint: handle one class at a time and deal its indices out like playing cards.
    Think about which fold the next class should start dealing to.
    """
    y = np.asarray(y)
    # Cutting np.arange(len(y)) into k consecutive chunks would partition the indices, but
    # on data sorted by class it would put whole classes into single folds.
    raise NotImplementedError("Replace this line with your implementation")
