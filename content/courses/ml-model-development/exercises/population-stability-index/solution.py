import numpy as np


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    # The inner cut points are the baseline's quantiles; the outer bins are open-ended, so
    # values beyond the baseline's range still land in the first or last bin.
    cuts = np.quantile(baseline, np.linspace(0, 1, bins + 1)[1:-1])
    # side="right" puts a value equal to a cut point in the bin above it.
    expected = np.bincount(np.searchsorted(cuts, baseline, side="right"), minlength=bins)
    actual = np.bincount(np.searchsorted(cuts, current, side="right"), minlength=bins)
    p = np.maximum(expected / baseline.size, eps)
    q = np.maximum(actual / current.size, eps)
    return float(np.sum((q - p) * np.log(q / p)))
