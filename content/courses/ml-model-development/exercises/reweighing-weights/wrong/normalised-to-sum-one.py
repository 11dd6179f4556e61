# Wrong: the weights are divided by their total so that they add up to 1, as if they were
# probabilities; the prompt's weights add up to the number of rows. The visible case
# "eight rows, two groups" catches it, and so does every other case.


def reweighing_weights(df, group_col, label_col):
    groups = df[group_col]
    labels = df[label_col]
    p_group = groups.map(groups.value_counts(normalize=True))
    p_label = labels.map(labels.value_counts(normalize=True))
    p_joint = df.groupby([group_col, label_col])[group_col].transform("size") / len(df)
    weights = (p_group * p_label / p_joint).to_numpy(dtype=float)
    return weights / weights.sum()
