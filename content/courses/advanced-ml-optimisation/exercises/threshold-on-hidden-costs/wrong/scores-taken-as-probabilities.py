# Wrong: uses the vendor's score as if it were a calibrated probability (no calibration on
# the validation labels). The overconfident and underconfident cases catch it.
import numpy as np


def decide(val_scores, val_amounts, val_fraud, test_scores, test_amounts, review_fee):
    return np.asarray(test_scores) * np.asarray(test_amounts) > review_fee
