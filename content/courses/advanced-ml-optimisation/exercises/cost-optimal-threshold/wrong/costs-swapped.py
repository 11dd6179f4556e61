# Wrong: charges cost_fn for each false positive and cost_fp for each false negative,
# as if a false negative were "a wrongly flagged negative". Caught by "the example from the
# prompt" and "false alarms cost nothing".
import numpy as np


def cost_optimal_threshold(y_true, y_prob, cost_fp, cost_fn, thresholds):
    y_true = np.asarray(y_true).astype(bool)
    y_prob = np.asarray(y_prob, dtype=float)
    grid = np.unique(np.asarray(thresholds, dtype=float))
    flagged = y_prob[np.newaxis, :] >= grid[:, np.newaxis]
    cost = cost_fn * (flagged & ~y_true).sum(axis=1) + cost_fp * (~flagged & y_true).sum(axis=1)
    return float(grid[np.argmin(cost)])
