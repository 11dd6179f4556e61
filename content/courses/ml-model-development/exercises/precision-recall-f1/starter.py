import numpy as np


def precision_recall_f1(y_true, y_pred):
    """Precision, recall and F1 for binary labels, where 1 is the positive class.

    y_true: the true labels, a list or 1-D NumPy array of 0s and 1s.
    y_pred: the predicted labels, the same length as y_true.

    Returns a dict {"precision": float, "recall": float, "f1": float}.
    Any ratio whose denominator is zero is reported as 0.0 (scikit-learn's zero_division=0).

    Hint: turn both inputs into boolean arrays, then count true positives, false positives
    and false negatives with element-wise & and ~.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    raise NotImplementedError("Replace this line with your implementation")
