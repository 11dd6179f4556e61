import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    """Expected calibration error with `n_bins` equal-width bins on [0, 1].

    A probability p goes into bin min(floor(p * n_bins), n_bins - 1). For every non-empty
    bin, weight |mean label - mean probability| by the bin's share of the predictions and
    sum. Returns a float.
    """
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    raise NotImplementedError("Replace this line with your implementation")
