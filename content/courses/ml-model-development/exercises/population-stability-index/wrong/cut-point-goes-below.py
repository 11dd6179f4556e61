# Wrong: searchsorted with side="left" puts a value equal to a cut point in the bin below
# it; "current values exactly on the cut points" catches it.
import numpy as np


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    cuts = np.quantile(baseline, np.linspace(0, 1, bins + 1)[1:-1])
    expected = np.bincount(np.searchsorted(cuts, baseline, side="left"), minlength=bins)
    actual = np.bincount(np.searchsorted(cuts, current, side="left"), minlength=bins)
    p = np.maximum(expected / baseline.size, eps)
    q = np.maximum(actual / current.size, eps)
    return float(np.sum((q - p) * np.log(q / p)))
