import pandas as pd


def simplest_within_one_se(results: pd.DataFrame, greater_is_better: bool = True) -> str:
    """Name of the simplest model whose mean score is within one standard error of the best."""
    scored = results.dropna(subset=["mean_score"])
    best = scored.loc[
        scored["mean_score"].idxmax() if greater_is_better else scored["mean_score"].idxmin()
    ]
    if greater_is_better:
        eligible = scored[scored["mean_score"] >= best["mean_score"] - best["std_error"]]
    else:
        eligible = scored[scored["mean_score"] <= best["mean_score"] + best["std_error"]]
    # Simplest first; among equally simple models, the better score first.
    chosen = eligible.sort_values(
        ["complexity", "mean_score"], ascending=[True, not greater_is_better], kind="stable"
    ).iloc[0]
    return str(chosen["model"])
