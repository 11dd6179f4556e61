# Wrong: each group's true positive rate divides its true positives by the actual
# positives of BOTH groups, so a group's rate shrinks with its share of the positives.
# The visible case "interleaved groups coded 0 and 1" catches it.
import numpy as np


def fairness_gaps(y_true, y_pred, group):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    group = np.asarray(group)
    all_positives = np.sum(y_true == 1)

    selection_rates = []
    true_positive_rates = []
    for value in np.unique(group):
        in_group = group == value
        selection_rates.append(y_pred[in_group].mean())
        positives = in_group & (y_true == 1)
        if positives.any():
            true_positive_rates.append(np.sum(y_pred[positives]) / all_positives)
        else:
            true_positive_rates.append(np.nan)

    return {
        "demographic_parity_difference": float(abs(selection_rates[0] - selection_rates[1])),
        "equal_opportunity_difference": float(abs(true_positive_rates[0] - true_positive_rates[1])),
    }
