# Wrong: skips the counting and returns the grid value nearest the textbook threshold
# cost_fp / (cost_fp + cost_fn). That is only optimal for perfectly calibrated
# probabilities; these scores are not. Caught by "5,000 imbalanced predictions, 99
# thresholds" and most other cases.
import numpy as np


def cost_optimal_threshold(y_true, y_prob, cost_fp, cost_fn, thresholds):
    grid = np.unique(np.asarray(thresholds, dtype=float))
    target = cost_fp / (cost_fp + cost_fn)
    return float(grid[np.argmin(np.abs(grid - target))])
