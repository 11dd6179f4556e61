import numpy as np


def decide(val_scores, val_amounts, val_fraud, test_scores, test_amounts, review_fee):
    """Decide which test transactions to send for review.

    val_scores   -- the vendor's risk score (0 to 1) for each validation transaction
    val_amounts  -- each validation transaction's amount in pounds
    val_fraud    -- 1 if the validation transaction was fraud, else 0
    test_scores  -- the score of each test transaction (labels are hidden)
    test_amounts -- each test transaction's amount in pounds
    review_fee   -- what one review costs, in pounds

    Return a 1-D array of booleans, one per test transaction: True to review it.
    """
    # The default threshold: a starting point, not an answer.
    return np.asarray(test_scores) >= 0.5
