import numpy as np
import pandas as pd


def population_stability_index(baseline, current, bins=10, eps=1e-4):
    """PSI with quantile bins of the baseline: paste your solution to the PSI exercise."""
    baseline = np.asarray(baseline, dtype=float)
    current = np.asarray(current, dtype=float)
    raise NotImplementedError("Paste or write your PSI function here")


def drift_report(baseline, current, bins=10):
    """One row per numeric feature of `baseline`: its PSI and a status.

    baseline: a pandas DataFrame, the reference data (e.g. the training set).
    current: a pandas DataFrame with (at least) the same numeric columns, e.g. this week.
    bins: the number of quantile bins for each feature's PSI.

    Returns a DataFrame with columns ["feature", "psi", "status"] and a default
    RangeIndex, one row per numeric column of `baseline`, in the baseline's column order.
    Missing values are dropped per column before the PSI is computed. status is
    "stable" when psi < 0.1, "moderate" when psi < 0.25 and "significant" otherwise.
    """
    rows = []  # one dict per numeric column: {"feature": ..., "psi": ..., "status": ...}
    for name in baseline.select_dtypes(include="number").columns:
        rows.append({"feature": name, "psi": None, "status": None})
        raise NotImplementedError("Compute this column's PSI and status")
    return pd.DataFrame(rows, columns=["feature", "psi", "status"])
