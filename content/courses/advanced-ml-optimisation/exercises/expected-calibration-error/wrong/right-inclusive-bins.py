# Wrong: puts a probability that sits exactly on an edge into the bin below it (bins that
# include their upper edge, as np.digitize(..., right=True) does), so 0.5 lands in the
# lower half. Caught by "probabilities on bin edges".
import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.clip(np.digitize(y_prob, edges[1:-1], right=True), 0, n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        members = bins == b
        if members.any():
            total += (
                members.sum() / y_true.size * abs(y_true[members].mean() - y_prob[members].mean())
            )
    return float(total)
