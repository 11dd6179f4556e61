# Wrong: drops the failed requests (missing latency) before doing anything, so their cost
# is lost and a version whose requests all failed disappears from the report. Caught by
# "the example from the prompt" and "a version whose requests all failed".
import pandas as pd


def latency_cost_summary(logs):
    served = logs.dropna(subset=["latency_ms"])
    by_version = served.groupby("version")
    latency = by_version["latency_ms"]
    summary = pd.DataFrame(
        {
            "p50_ms": latency.quantile(0.50),
            "p95_ms": latency.quantile(0.95),
            "p99_ms": latency.quantile(0.99),
        }
    )
    totals = by_version[["cost_usd", "n_predictions"]].sum()
    summary["cost_per_1k"] = 1000 * totals["cost_usd"] / totals["n_predictions"]
    return summary.astype(float)
