import pandas as pd


def simplest_within_one_se(results: pd.DataFrame, greater_is_better: bool = True) -> str:
    """Apply the one-standard-error rule to a table of cross-validated candidates.

    results has one row per candidate and the columns
        model       -- the candidate's name (str)
        complexity  -- an int rank; smaller means simpler
        mean_score  -- mean cross-validated score (NaN if the candidate failed to fit)
        std_error   -- standard error of that mean
    greater_is_better -- True for scores such as accuracy, False for errors such as RMSE

    Find the best candidate, compute the cut-off one of *its* standard errors away, keep
    every candidate at least as good as the cut-off, and return the name of the simplest
    (ties in complexity: the better mean score). Ignore rows whose mean_score is NaN.
    """
    raise NotImplementedError("Replace this line with your implementation")
