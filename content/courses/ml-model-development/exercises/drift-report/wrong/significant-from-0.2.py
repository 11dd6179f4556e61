# Wrong: uses the other common rule of thumb, "significant" from a PSI of 0.2, instead of
# the 0.25 the prompt states, so a PSI between 0.2 and 0.25 is mislabelled. The hidden
# case "PSI values either side of 0.1 and 0.25 (bins=4)" catches it.
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
    for name in baseline.select_dtypes(include="number").columns:
        psi = _psi(
            baseline[name].dropna().to_numpy(float), current[name].dropna().to_numpy(float), bins
        )
        status = "stable" if psi < 0.1 else "moderate" if psi < 0.2 else "significant"
        rows.append({"feature": name, "psi": psi, "status": status})
    return pd.DataFrame(rows, columns=["feature", "psi", "status"])
