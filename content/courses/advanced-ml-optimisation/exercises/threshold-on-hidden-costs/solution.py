import numpy as np
from sklearn.linear_model import LogisticRegression


def decide(val_scores, val_amounts, val_fraud, test_scores, test_amounts, review_fee):
    """Flag a test transaction when its calibrated expected loss exceeds the review fee."""

    # The vendor's score ranks well but is not a probability. Platt scaling on the logit
    # of the score learns a slope and an offset from the validation labels.
    def logit(scores):
        s = np.clip(np.asarray(scores, dtype=float), 1e-6, 1 - 1e-6)
        return np.log(s / (1 - s)).reshape(-1, 1)

    calibrator = LogisticRegression(C=1e6).fit(logit(val_scores), val_fraud)
    p_fraud = calibrator.predict_proba(logit(test_scores))[:, 1]
    # Not reviewing costs the amount with probability p; reviewing costs the fee for sure.
    return p_fraud * np.asarray(test_amounts) > review_fee
