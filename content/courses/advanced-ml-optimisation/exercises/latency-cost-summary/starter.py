import pandas as pd


def latency_cost_summary(logs: pd.DataFrame) -> pd.DataFrame:
    """Per model version: p50/p95/p99 latency (ms) and cost per 1,000 predictions.

    `logs` has columns version, latency_ms (NaN for failed requests), n_predictions and
    cost_usd. Return a DataFrame indexed by "version" (sorted) with float columns
    p50_ms, p95_ms, p99_ms and cost_per_1k, in that order. Percentiles ignore missing
    latencies; cost_per_1k = 1000 * total cost / total predictions (NaN when a version
    made no predictions).
    """
    raise NotImplementedError("Replace this line with your implementation")
