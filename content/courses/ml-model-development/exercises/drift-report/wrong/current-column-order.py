# Wrong: loops over the current frame's numeric columns, so the rows follow its order
# and an extra column that exists only in current is reported. The visible "text columns
# skipped" case and the hidden "six features, columns in a different order" case catch it.
import numpy as np
import pandas as pd


def _psi(baseline, current, bins, eps=1e-4):
    cuts = np.quantile(baseline, np.linspace(0, 1, bins + 1)[1:-1])
    p = np.bincount(np.searchsorted(cuts, baseline, side="right"), minlength=bins) / baseline.size
    q = np.bincount(np.searchsorted(cuts, current, side="right"), minlength=bins) / current.size
    p, q = np.maximum(p, eps), np.maximum(q, eps)
    return float(np.sum((q - p) * np.log(q / p)))


def drift_report(baseline, current, bins=10):
    rows = []
    for name in current.select_dtypes(include="number").columns:
        if name not in baseline:
            before = current[name].dropna().to_numpy(float)
        else:
            before = baseline[name].dropna().to_numpy(float)
        psi = _psi(before, current[name].dropna().to_numpy(float), bins)
        status = "stable" if psi < 0.1 else "moderate" if psi < 0.25 else "significant"
        rows.append({"feature": name, "psi": psi, "status": status})
    return pd.DataFrame(rows, columns=["feature", "psi", "status"])
