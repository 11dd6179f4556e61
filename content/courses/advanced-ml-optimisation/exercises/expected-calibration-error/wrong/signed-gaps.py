# Wrong: sums the signed gaps (mean label minus mean probability) without taking their
# absolute value, so over-confident and under-confident bins cancel out. Caught by
# "5,000 over-confident predictions, ten bins" and the example.
import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    bins = np.minimum(np.floor(y_prob * n_bins).astype(int), n_bins - 1)
    label_sums = np.bincount(bins, weights=y_true, minlength=n_bins)
    prob_sums = np.bincount(bins, weights=y_prob, minlength=n_bins)
    return float(abs((label_sums - prob_sums).sum()) / y_true.size)
