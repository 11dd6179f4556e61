# Wrong: false positives and false negatives are swapped (predicted 0 but really 1 is
# counted as a false positive), so precision and recall trade places. The visible worked
# example catches it.
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t = np.asarray(y_true) == 1
    p = np.asarray(y_pred) == 1
    tp = int(np.sum(t & p))
    fp = int(np.sum(t & ~p))
    fn = int(np.sum(~t & p))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
