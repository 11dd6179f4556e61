import numpy as np


def cost_optimal_threshold(y_true, y_prob, cost_fp, cost_fn, thresholds):
    """Return the threshold from `thresholds` with the lowest total misclassification cost.

    A case is predicted positive when y_prob >= threshold. The total cost is
    cost_fp * (false positives) + cost_fn * (false negatives). Ties go to the smallest
    threshold. Returns a float.
    """
    is_positive = np.asarray(y_true).astype(bool)
    y_prob = np.asarray(y_prob, dtype=float)
    # np.unique sorts ascending, so argmin's first minimum is the smallest tied threshold.
    grid = np.unique(np.asarray(thresholds, dtype=float))

    flagged = y_prob[np.newaxis, :] >= grid[:, np.newaxis]  # (n_thresholds, n_samples)
    false_positives = (flagged & ~is_positive).sum(axis=1)
    false_negatives = (~flagged & is_positive).sum(axis=1)
    total_cost = cost_fp * false_positives + cost_fn * false_negatives
    return float(grid[np.argmin(total_cost)])
