import numpy as np


def cost_optimal_threshold(y_true, y_prob, cost_fp, cost_fn, thresholds):
    """Return the threshold from `thresholds` with the lowest total misclassification cost.

    A case is predicted positive when y_prob >= threshold. The total cost is
    cost_fp * (false positives) + cost_fn * (false negatives). Ties go to the smallest
    threshold. Returns a float.
    """
    y_true = np.asarray(y_true)
    y_prob = np.asarray(y_prob, dtype=float)
    raise NotImplementedError("Replace this line with your implementation")
