# Wrong: averages the bins' gaps with equal weight instead of weighting each by its share
# of the predictions, so a nearly empty bin counts as much as a full one. Caught by
# "5,000 over-confident predictions, ten bins" and the example.
import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    bins = np.minimum(np.floor(y_prob * n_bins).astype(int), n_bins - 1)
    gaps = [
        abs(y_true[bins == b].mean() - y_prob[bins == b].mean())
        for b in range(n_bins)
        if np.any(bins == b)
    ]
    return float(np.mean(gaps))
