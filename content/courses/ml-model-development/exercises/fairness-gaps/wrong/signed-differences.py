# Wrong: both gaps are signed (first group minus second) instead of absolute, so they come
# out negative whenever the first group in sorted order has the lower rate. "interleaved
# groups coded 0 and 1" catches it, and so can the random hidden cases.
import numpy as np


def fairness_gaps(y_true, y_pred, group):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    group = np.asarray(group)
    first, second = np.unique(group)

    def rates(value):
        in_group = group == value
        positives = in_group & (y_true == 1)
        tpr = y_pred[positives].mean() if positives.any() else np.nan
        return y_pred[in_group].mean(), tpr

    selection_a, tpr_a = rates(first)
    selection_b, tpr_b = rates(second)
    return {
        "demographic_parity_difference": float(selection_a - selection_b),
        "equal_opportunity_difference": float(tpr_a - tpr_b),
    }
