# Wrong: a value exactly on a fence is flagged (<= and >=), though only values beyond
# Q1 - 1.5 IQR or Q3 + 1.5 IQR are outliers. Caught by the case with values on a fence.
import pandas as pd


def impute_and_flag(df: pd.DataFrame) -> pd.DataFrame:
    numeric = df.select_dtypes("number")
    q1, q3 = numeric.quantile(0.25), numeric.quantile(0.75)
    iqr = q3 - q1
    outside = numeric.le(q1 - 1.5 * iqr) | numeric.ge(q3 + 1.5 * iqr)
    out = df.copy()
    out[numeric.columns] = numeric.fillna(numeric.median())
    out["is_outlier"] = outside.any(axis=1)
    return out
