# Wrong: always treats a higher score as better, ignoring greater_is_better, so for an
# error metric it picks around the worst model. Caught by "an error metric where lower is
# better".


def simplest_within_one_se(results, greater_is_better=True):
    scored = results.dropna(subset=["mean_score"])
    best = scored.loc[scored["mean_score"].idxmax()]
    eligible = scored[scored["mean_score"] >= best["mean_score"] - best["std_error"]]
    chosen = eligible.sort_values(
        ["complexity", "mean_score"], ascending=[True, False], kind="stable"
    ).iloc[0]
    return str(chosen["model"])
