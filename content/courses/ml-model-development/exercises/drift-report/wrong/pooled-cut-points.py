# Wrong: takes the quantile cut points from the baseline and current values pooled
# together, so the bins no longer describe the reference distribution and every drifted
# feature's PSI shrinks. The visible example and the hidden drifted cases catch it.
import numpy as np
import pandas as pd


def _psi(baseline, current, bins, eps=1e-4):
    pooled = np.concatenate([baseline, current])
    cuts = np.quantile(pooled, np.linspace(0, 1, bins + 1)[1:-1])
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
        status = "stable" if psi < 0.1 else "moderate" if psi < 0.25 else "significant"
        rows.append({"feature": name, "psi": psi, "status": status})
    return pd.DataFrame(rows, columns=["feature", "psi", "status"])
