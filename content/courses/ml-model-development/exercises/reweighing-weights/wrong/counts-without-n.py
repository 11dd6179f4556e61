# Wrong: the formula is written with counts, n_g * n_y / n_gy, but the division by n is
# forgotten, so every weight is n times too large. The visible case "eight rows, two
# groups" catches it.


def reweighing_weights(df, group_col, label_col):
    groups = df[group_col]
    labels = df[label_col]
    n_group = groups.map(groups.value_counts())
    n_label = labels.map(labels.value_counts())
    n_joint = df.groupby([group_col, label_col])[group_col].transform("size")
    return (n_group * n_label / n_joint).to_numpy(dtype=float)
