# Wrong: cuts the baseline's range into bins of equal width instead of at its quantiles;
# "5,000 vs 3,000 normal values with a shift" catches it.
import numpy as np


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    cuts = np.linspace(baseline.min(), baseline.max(), bins + 1)[1:-1]
    expected = np.bincount(np.searchsorted(cuts, baseline, side="right"), minlength=bins)
    actual = np.bincount(np.searchsorted(cuts, current, side="right"), minlength=bins)
    p = np.maximum(expected / baseline.size, eps)
    q = np.maximum(actual / current.size, eps)
    return float(np.sum((q - p) * np.log(q / p)))
