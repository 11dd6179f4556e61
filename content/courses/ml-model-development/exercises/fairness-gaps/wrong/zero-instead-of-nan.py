# Wrong: a group without actual positives is given a true positive rate of 0.0 instead of
# nan, so the equal opportunity difference is a number where the prompt asks for nan.
# The hidden case "a group with no actual positives" catches it.
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
        positives = in_group & (y_true == 1)
        # "No positives, so nothing was found": treats an undefined rate as zero.
        tpr = y_pred[positives].mean() if positives.any() else 0.0
        true_positive_rates.append(tpr)

    return {
        "demographic_parity_difference": float(abs(selection_rates[0] - selection_rates[1])),
        "equal_opportunity_difference": float(abs(true_positive_rates[0] - true_positive_rates[1])),
    }
