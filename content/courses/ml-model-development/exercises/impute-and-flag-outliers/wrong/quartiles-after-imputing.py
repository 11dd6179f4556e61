# Wrong: the gaps are filled with the median before the quartiles are taken, so the
# imputed values pull the fences inwards and ordinary rows are flagged. Caught by the
# cases with missing values.
import pandas as pd


def impute_and_flag(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    numeric = out.select_dtypes("number")
    filled = numeric.fillna(numeric.median())
    q1, q3 = filled.quantile(0.25), filled.quantile(0.75)
    iqr = q3 - q1
    outside = filled.lt(q1 - 1.5 * iqr) | filled.gt(q3 + 1.5 * iqr)
    out[numeric.columns] = filled
    out["is_outlier"] = outside.any(axis=1)
    return out
