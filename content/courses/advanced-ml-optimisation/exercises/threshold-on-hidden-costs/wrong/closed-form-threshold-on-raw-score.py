# Wrong: applies the textbook threshold t* = fee / (fee + mean amount) to the raw score.
# It mixes two mistakes a learner makes together: the score is not calibrated, and the
# mean amount hides the spread of amounts. Every hidden case catches it.
import numpy as np


def decide(val_scores, val_amounts, val_fraud, test_scores, test_amounts, review_fee):
    threshold = review_fee / (review_fee + np.mean(val_amounts))
    return np.asarray(test_scores) > threshold
