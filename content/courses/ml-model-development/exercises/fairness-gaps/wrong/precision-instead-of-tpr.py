# Wrong: the "true positive rate" is computed over the rows the model selected (the share
# of selected rows that are truly positive, which is precision) instead of over the rows
# that are truly positive. The visible case "ten applicants in two groups" catches it.
import numpy as np


def fairness_gaps(y_true, y_pred, group):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    group = np.asarray(group)

    selection_rates = []
    true_positive_rates = []
    for value in np.unique(group):
        in_group = group == value
        selection_rates.append(y_pred[in_group].mean())
        selected = in_group & (y_pred == 1)
        rate = y_true[selected].mean() if selected.any() else np.nan
        true_positive_rates.append(rate)

    return {
        "demographic_parity_difference": float(abs(selection_rates[0] - selection_rates[1])),
        "equal_opportunity_difference": float(abs(true_positive_rates[0] - true_positive_rates[1])),
    }
