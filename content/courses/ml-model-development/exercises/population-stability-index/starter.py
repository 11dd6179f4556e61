import numpy as np


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    """PSI of `current` against `baseline`, using quantile bins of the baseline.

    baseline: 1-D array or list of numbers, the reference sample (e.g. training data).
    current: 1-D array or list of numbers, the sample to compare (e.g. this month).
    bins: the number of bins, cut at the baseline's quantiles 1/bins, 2/bins, ...
    eps: the floor for a bin's share, so that an empty bin does not give log(0).

    Returns the PSI as a float: sum over bins of (q - p) * ln(q / p), where p and q are
    the baseline's and the current sample's shares of each bin.
    """
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    # Step 1: the bins-1 inner cut points, np.quantile(baseline, ...).
    # Step 2: each value's bin number; a value equal to a cut point goes to the bin above.
    # Step 3: the share of each sample in each bin, floored at eps.
    # Step 4: the PSI sum.
    raise NotImplementedError("Replace this line with your implementation")
