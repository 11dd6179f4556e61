# Wrong: bins with np.histogram between the baseline's minimum and maximum, so current
# values outside that range are silently dropped; "every current value above the
# baseline's maximum" catches it.
import numpy as np


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.quantile(baseline, np.linspace(0, 1, bins + 1))
    expected, _ = np.histogram(baseline, bins=edges)
    actual, _ = np.histogram(current, bins=edges)
    p = np.maximum(expected / baseline.size, eps)
    q = np.maximum(actual / current.size, eps)
    return float(np.sum((q - p) * np.log(q / p)))
