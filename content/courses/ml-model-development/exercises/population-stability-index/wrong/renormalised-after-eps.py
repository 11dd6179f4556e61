# Wrong: rescales the shares to sum to 1 again after flooring them at eps; "every current
# value above the baseline's maximum" catches it.
import numpy as np


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    cuts = np.quantile(baseline, np.linspace(0, 1, bins + 1)[1:-1])
    expected = np.bincount(np.searchsorted(cuts, baseline, side="right"), minlength=bins)
    actual = np.bincount(np.searchsorted(cuts, current, side="right"), minlength=bins)
    p = np.maximum(expected / baseline.size, eps)
    q = np.maximum(actual / current.size, eps)
    p, q = p / p.sum(), q / q.sum()
    return float(np.sum((q - p) * np.log(q / p)))
