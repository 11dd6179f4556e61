import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    """Expected calibration error with `n_bins` equal-width bins on [0, 1].

    A probability p goes into bin min(floor(p * n_bins), n_bins - 1). For every non-empty
    bin, weight |mean label - mean probability| by the bin's share of the predictions and
    sum. Returns a float.
    """
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    bins = np.minimum(np.floor(y_prob * n_bins).astype(int), n_bins - 1)

    counts = np.bincount(bins, minlength=n_bins)
    label_sums = np.bincount(bins, weights=y_true, minlength=n_bins)
    prob_sums = np.bincount(bins, weights=y_prob, minlength=n_bins)

    filled = counts > 0
    # n_b / N * |sum_y / n_b - sum_p / n_b| simplifies to |sum_y - sum_p| / N.
    return float(np.abs(label_sums[filled] - prob_sums[filled]).sum() / y_true.size)
