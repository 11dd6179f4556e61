# Wrong: the weights are computed per row but then sorted by the DataFrame's index, so they
# no longer follow the row order when the index is shuffled. The hidden case "shuffled
# non-default index" catches it.


def reweighing_weights(df, group_col, label_col):
    groups = df[group_col]
    labels = df[label_col]
    p_group = groups.map(groups.value_counts(normalize=True))
    p_label = labels.map(labels.value_counts(normalize=True))
    p_joint = df.groupby([group_col, label_col])[group_col].transform("size") / len(df)
    return (p_group * p_label / p_joint).sort_index().to_numpy(dtype=float)
