# Wrong: averages the cost per request, so a request that scored a batch of 64 rows counts
# as much as one that scored a single row. Cost must be per prediction. Caught by "batched
# requests" (and by "two versions, rows interleaved").
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
    summary["cost_per_1k"] = 1000 * by_version["cost_usd"].mean()
    return summary.astype(float)
