# Wrong: returns the first eligible row in the order the table lists them, assuming the
# rows are already sorted from simplest to most complex. Caught by "rows not sorted by
# complexity".


def simplest_within_one_se(results, greater_is_better=True):
    scored = results.dropna(subset=["mean_score"])
    if greater_is_better:
        best = scored.loc[scored["mean_score"].idxmax()]
        eligible = scored[scored["mean_score"] >= best["mean_score"] - best["std_error"]]
    else:
        best = scored.loc[scored["mean_score"].idxmin()]
        eligible = scored[scored["mean_score"] <= best["mean_score"] + best["std_error"]]
    return str(eligible.iloc[0]["model"])
