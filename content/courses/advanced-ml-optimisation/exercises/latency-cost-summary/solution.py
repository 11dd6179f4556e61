import pandas as pd


def latency_cost_summary(logs: pd.DataFrame) -> pd.DataFrame:
    """Per-version latency percentiles and cost per 1,000 predictions."""
    by_version = logs.groupby("version")
    latency = by_version["latency_ms"]
    summary = pd.DataFrame(
        {
            "p50_ms": latency.quantile(0.50),
            "p95_ms": latency.quantile(0.95),
            "p99_ms": latency.quantile(0.99),
        }
    )
    totals = by_version[["cost_usd", "n_predictions"]].sum()
    predictions = totals["n_predictions"].where(totals["n_predictions"] > 0)
    summary["cost_per_1k"] = 1000 * totals["cost_usd"] / predictions
    return summary.astype(float)
