import pandas as pd


def impute_and_flag(df: pd.DataFrame) -> pd.DataFrame:
    """Median-impute the numeric columns and flag IQR outliers.

    Return a new DataFrame with the same index and columns as df plus a final boolean
    column "is_outlier". A row is an outlier when any numeric value lies strictly
    outside [Q1 - 1.5 * IQR, Q3 + 1.5 * IQR], with the quartiles computed from the
    column's observed values (before imputation). Missing values in numeric columns
    are then replaced with the column's median. Text columns are left unchanged.
    """
    raise NotImplementedError("Replace this line with your implementation")
