import numpy as np


def fairness_gaps(y_true, y_pred, group):
    """Demographic parity and equal opportunity differences between two groups."""
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    group = np.asarray(group)

    selection_rates = []
    true_positive_rates = []
    for value in np.unique(group):
        in_group = group == value
        selection_rates.append(y_pred[in_group].mean())
        actual_positive = in_group & (y_true == 1)
        # A group without actual positives has no true positive rate to compare.
        tpr = y_pred[actual_positive].mean() if actual_positive.any() else np.nan
        true_positive_rates.append(tpr)

    return {
        "demographic_parity_difference": float(abs(selection_rates[0] - selection_rates[1])),
        "equal_opportunity_difference": float(abs(true_positive_rates[0] - true_positive_rates[1])),
    }
