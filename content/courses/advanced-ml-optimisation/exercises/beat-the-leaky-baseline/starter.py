import numpy as np
import pandas as pd


def fit_predict_proba(train: pd.DataFrame, y_train: pd.Series, test: pd.DataFrame):
    """Return one probability of default per row of `test`.

    train   -- past loans, exported after their outcome was known (see the data dictionary)
    y_train -- 1 if the loan defaulted, else 0
    test    -- new applications at the moment of decision; their outcomes stay in the grader

    Decide which columns a model may use, build a pipeline, fit it on the training rows
    only, and return predict_proba's column for class 1.
    """
    # Every applicant gets the historical default rate: an AUC of exactly 0.5.
    return np.full(len(test), y_train.mean())
