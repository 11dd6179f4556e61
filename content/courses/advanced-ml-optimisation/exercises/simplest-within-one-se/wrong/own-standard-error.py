# Wrong: compares each candidate with the best using the candidate's own standard error
# (mean + its std_error >= best) instead of the best model's standard error. Caught by
# "a simpler model within one standard error" and the hidden cases built around it.


def simplest_within_one_se(results, greater_is_better=True):
    scored = results.dropna(subset=["mean_score"])
    if greater_is_better:
        best = scored["mean_score"].max()
        eligible = scored[scored["mean_score"] + scored["std_error"] >= best]
    else:
        best = scored["mean_score"].min()
        eligible = scored[scored["mean_score"] - scored["std_error"] <= best]
    chosen = eligible.sort_values(
        ["complexity", "mean_score"], ascending=[True, not greater_is_better], kind="stable"
    ).iloc[0]
    return str(chosen["model"])
