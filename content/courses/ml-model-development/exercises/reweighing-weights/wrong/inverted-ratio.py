# Wrong: the ratio is upside down, P(group, label) / (P(group) * P(label)), so cells that
# are over-represented get weights above 1 and grow further. The visible case "eight
# rows, two groups" catches it.


def reweighing_weights(df, group_col, label_col):
    groups = df[group_col]
    labels = df[label_col]
    p_group = groups.map(groups.value_counts(normalize=True))
    p_label = labels.map(labels.value_counts(normalize=True))
    p_joint = df.groupby([group_col, label_col])[group_col].transform("size") / len(df)
    return (p_joint / (p_group * p_label)).to_numpy(dtype=float)
