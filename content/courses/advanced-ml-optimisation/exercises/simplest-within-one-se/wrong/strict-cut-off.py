# Wrong: requires a candidate to be strictly inside one standard error (>), so a mean
# exactly on the cut-off is left out. Caught by "a candidate exactly on the cut-off".


def simplest_within_one_se(results, greater_is_better=True):
    scored = results.dropna(subset=["mean_score"])
    if greater_is_better:
        best = scored.loc[scored["mean_score"].idxmax()]
        eligible = scored[scored["mean_score"] > best["mean_score"] - best["std_error"]]
    else:
        best = scored.loc[scored["mean_score"].idxmin()]
        eligible = scored[scored["mean_score"] < best["mean_score"] + best["std_error"]]
    chosen = eligible.sort_values(
        ["complexity", "mean_score"], ascending=[True, not greater_is_better], kind="stable"
    ).iloc[0]
    return str(chosen["model"])
