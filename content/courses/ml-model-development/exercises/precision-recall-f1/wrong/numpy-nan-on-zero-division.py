# Wrong: the zero checks are left to NumPy, whose division by zero gives nan (with a
# warning) instead of 0.0. The visible case "the model predicts no positives (Python
# lists)" catches it, and so do the hidden cases with no positives.
import numpy as np


def precision_recall_f1(y_true, y_pred):
    y_true = np.asarray(y_true) == 1
    y_pred = np.asarray(y_pred) == 1
    tp = np.sum(y_true & y_pred)
    fp = np.sum(~y_true & y_pred)
    fn = np.sum(y_true & ~y_pred)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * tp / (2 * tp + fp + fn)
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1)}
