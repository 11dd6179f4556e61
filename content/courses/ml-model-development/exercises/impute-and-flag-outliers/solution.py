import pandas as pd


def impute_and_flag(df: pd.DataFrame) -> pd.DataFrame:
    """Median-impute the numeric columns and add an IQR-based `is_outlier` column."""
    numeric = df.select_dtypes("number")
    # Fences come from the observed values only: imputed medians are not data.
    q1 = numeric.quantile(0.25)
    q3 = numeric.quantile(0.75)
    iqr = q3 - q1
    outside = numeric.lt(q1 - 1.5 * iqr) | numeric.gt(q3 + 1.5 * iqr)

    out = df.copy()
    out[numeric.columns] = numeric.fillna(numeric.median())
    out["is_outlier"] = outside.any(axis=1)
    return out
