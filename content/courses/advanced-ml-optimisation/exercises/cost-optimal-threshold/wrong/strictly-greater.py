# Wrong: flags a case when y_prob > t instead of y_prob >= t, so a probability equal to a
# candidate threshold is predicted negative. Caught by "probabilities equal to candidate
# thresholds".
import numpy as np


def cost_optimal_threshold(y_true, y_prob, cost_fp, cost_fn, thresholds):
    y_true = np.asarray(y_true).astype(bool)
    y_prob = np.asarray(y_prob, dtype=float)
    grid = np.unique(np.asarray(thresholds, dtype=float))
    flagged = y_prob[np.newaxis, :] > grid[:, np.newaxis]
    cost = cost_fp * (flagged & ~y_true).sum(axis=1) + cost_fn * (~flagged & y_true).sum(axis=1)
    return float(grid[np.argmin(cost)])
