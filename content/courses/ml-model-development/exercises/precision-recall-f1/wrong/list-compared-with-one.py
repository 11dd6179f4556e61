# Wrong: the inputs are compared with 1 without converting them first, and a Python list
# compared with 1 is one False, not a value per label, so every count is 0. The case
# "random labels given as Python lists" catches it.
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t = y_true == 1
    p = y_pred == 1
    tp = int(np.sum(t & p))
    fp = int(np.sum(~t & p)) if isinstance(t, np.ndarray) else 0
    fn = int(np.sum(t & ~p)) if isinstance(t, np.ndarray) else 0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
