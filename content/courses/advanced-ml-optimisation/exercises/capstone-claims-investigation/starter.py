import numpy as np
import pandas as pd


def plan_investigations(train, test, review_cost, capacity):
    """Fraud probabilities for the new claims and a plan of which to investigate.

    train: past claims with the label column is_fraud; test: new claims, same columns
    without is_fraud. Returns a DataFrame indexed like `test` with the columns p_fraud
    (floats in [0, 1]) and investigate (bool), at most `capacity` of them True.
    """
    # A baseline to beat: the historical fraud rate for every claim, and no investigations.
    p_fraud = np.full(len(test), train["is_fraud"].mean())
    investigate = np.zeros(len(test), dtype=bool)
    return pd.DataFrame({"p_fraud": p_fraud, "investigate": investigate}, index=test.index)
