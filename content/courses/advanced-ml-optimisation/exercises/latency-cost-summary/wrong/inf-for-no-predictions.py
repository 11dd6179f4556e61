# Wrong: divides the total cost by a total of zero predictions for a version whose requests
# all failed, which gives inf instead of NaN. Caught by "a version whose requests all
# failed".
import pandas as pd


def latency_cost_summary(logs):
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
    summary["cost_per_1k"] = 1000 * totals["cost_usd"] / totals["n_predictions"]
    return summary.astype(float)
