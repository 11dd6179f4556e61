# Wrong: takes the feature list from the current frame (skipping names the baseline lacks),
# so the current frame's column order decides the rows; "six features, columns in a
# different order in the current frame" catches it.
import numpy as np
import pandas as pd


def _psi(baseline, current, bins, eps=1e-4):
    cuts = np.quantile(baseline, np.linspace(0, 1, bins + 1)[1:-1])
    p = np.bincount(np.searchsorted(cuts, baseline, side="right"), minlength=bins) / baseline.size
    q = np.bincount(np.searchsorted(cuts, current, side="right"), minlength=bins) / current.size
    p, q = np.maximum(p, eps), np.maximum(q, eps)
    return float(np.sum((q - p) * np.log(q / p)))


def _status(psi):
    if psi < 0.1:
        return "stable"
    if psi < 0.25:
        return "moderate"
    return "significant"


def drift_report(baseline, current, bins=10):
    rows = []
    for name in current.select_dtypes(include="number").columns:
        if name not in baseline:
            continue
        psi = _psi(
            baseline[name].dropna().to_numpy(float), current[name].dropna().to_numpy(float), bins
        )
        rows.append({"feature": name, "psi": psi, "status": _status(psi)})
    return pd.DataFrame(rows, columns=["feature", "psi", "status"])
