import numpy as np
import pandas as pd


def reweighing_weights(df: pd.DataFrame, group_col: str, label_col: str) -> np.ndarray:
    """Kamiran-Calders weights P(group) * P(label) / P(group, label), one per row."""
    groups = df[group_col]
    labels = df[label_col]
    p_group = groups.map(groups.value_counts(normalize=True))
    p_label = labels.map(labels.value_counts(normalize=True))
    p_joint = df.groupby([group_col, label_col])[group_col].transform("size") / len(df)
    return (p_group * p_label / p_joint).to_numpy(dtype=float)
