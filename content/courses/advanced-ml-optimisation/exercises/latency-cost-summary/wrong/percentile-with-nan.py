# Wrong: computes the percentiles with np.percentile, which returns NaN for a version as
# soon as one of its latencies is missing (np.nanpercentile or Series.quantile skip them).
# Caught by "thousands of requests, three versions".
import numpy as np
import pandas as pd


def latency_cost_summary(logs):
    rows = {}
    for version, group in logs.groupby("version"):
        latencies = group["latency_ms"].to_numpy(dtype=float)
        predictions = group["n_predictions"].sum()
        rows[version] = {
            "p50_ms": np.percentile(latencies, 50),
            "p95_ms": np.percentile(latencies, 95),
            "p99_ms": np.percentile(latencies, 99),
            "cost_per_1k": 1000 * group["cost_usd"].sum() / predictions if predictions else np.nan,
        }
    summary = pd.DataFrame.from_dict(rows, orient="index").sort_index()
    summary.index.name = "version"
    return summary.astype(float)
