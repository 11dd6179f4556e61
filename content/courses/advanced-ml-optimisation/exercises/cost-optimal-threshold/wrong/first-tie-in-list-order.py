# Wrong: keeps the grid in the order it was given and returns the first threshold with the
# lowest cost, which is the smallest tied threshold only when the grid is ascending.
# Caught by "a tie, grid in descending order".
import numpy as np


def cost_optimal_threshold(y_true, y_prob, cost_fp, cost_fn, thresholds):
    y_true = np.asarray(y_true).astype(bool)
    y_prob = np.asarray(y_prob, dtype=float)
    best, best_cost = None, np.inf
    for t in thresholds:
        flagged = y_prob >= t
        cost = cost_fp * np.sum(flagged & ~y_true) + cost_fn * np.sum(~flagged & y_true)
        if cost < best_cost:
            best, best_cost = float(t), cost
    return best
