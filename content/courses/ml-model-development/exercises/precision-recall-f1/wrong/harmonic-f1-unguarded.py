# Wrong: precision and recall are guarded, but F1 is 2PR / (P + R) without a check, so it
# divides by zero whenever there are no true positives. The hidden case "every prediction
# wrong" catches it (and the cases with no positives).
import numpy as np


def precision_recall_f1(y_true, y_pred):
    y_true = np.asarray(y_true) == 1
    y_pred = np.asarray(y_pred) == 1
    tp = int(np.sum(y_true & y_pred))
    fp = int(np.sum(~y_true & y_pred))
    fn = int(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}
