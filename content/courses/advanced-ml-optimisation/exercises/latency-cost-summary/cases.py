import numpy as np
import pandas as pd

from grader.cases import Case, approx

SEED = 20240805

CLOSE = approx(rtol=1e-7, atol=1e-12)


def _logs(rng, versions, n_requests, batch_sizes, failure_rate):
    """Shuffled synthetic request logs; each version has its own latency profile."""
    frames = []
    for i, version in enumerate(versions):
        n = n_requests[i]
        batch = rng.choice(batch_sizes, size=n)
        latency = rng.lognormal(np.log(20 + 15 * i), 0.4, size=n) + 0.5 * batch
        failed = rng.random(n) < failure_rate
        latency[failed] = np.nan
        batch[failed] = 0
        cost = np.round(0.00001 * (1 + i) * (1 + batch) + rng.uniform(0, 1e-5, size=n), 8)
        frames.append(
            pd.DataFrame(
                {
                    "version": version,
                    "latency_ms": latency,
                    "n_predictions": batch.astype(int),
                    "cost_usd": cost,
                }
            )
        )
    logs = pd.concat(frames, ignore_index=True)
    return logs.sample(frac=1.0, random_state=int(rng.integers(1_000_000))).reset_index(drop=True)


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones cover batches, failures and scale."""
    example = pd.DataFrame(
        {
            "version": ["v1", "v2", "v1", "v2", "v1", "v2", "v1", "v2", "v1", "v2"],
            "latency_ms": [40, 20, 42, 22, 45, 25, 50, 30, 120, np.nan],
            "n_predictions": [1, 10, 1, 10, 1, 10, 1, 10, 1, 0],
            "cost_usd": [0.00002, 0.0001] * 4 + [0.00002, 0.00003],
        }
    )
    yield Case(
        "the example from the prompt",
        args=(example,),
        expected=reference(example),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "v1's p95 interpolates to 106 ms; v2's failed request is left out of the "
            "percentiles but its cost still counts."
        ),
        hint=(
            "Check v2's cost: a failed request has no latency but still costs money, so keep "
            "its row when you total cost_usd; only the percentiles skip it."
        ),
    )

    unsorted = pd.DataFrame(
        {
            "version": ["canary", "stable", "stable", "canary", "stable", "stable"],
            "latency_ms": [18.0, 35.0, 31.0, 22.0, 40.0, 33.0],
            "n_predictions": [4, 1, 1, 4, 2, 1],
            "cost_usd": [0.0002, 0.0001, 0.0001, 0.0002, 0.00015, 0.0001],
        }
    )
    yield Case(
        "two versions, rows interleaved",
        args=(unsorted,),
        expected=reference(unsorted),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "The index is named 'version' and sorted (canary before stable); "
            "cost_per_1k divides by the total of n_predictions, not by the number of requests."
        ),
    )

    big = _logs(rng, ["v3-int8", "v1-base", "v2-pruned"], [1500, 1200, 900], [1], 0.02)
    yield Case(
        "thousands of requests, three versions",
        args=(big,),
        expected=reference(big),
        check=CLOSE,
        points=2,
        description="Percentiles must skip missing latencies; the index must be sorted.",
        hint=(
            "Some latencies are NaN here. np.percentile returns NaN when its input holds one; "
            "use Series.quantile or np.nanpercentile, which skip missing values."
        ),
    )

    batched = _logs(rng, ["batch-a", "batch-b"], [800, 600], [1, 8, 32, 64], 0.05)
    yield Case(
        "batched requests",
        args=(batched,),
        expected=reference(batched),
        check=CLOSE,
        points=2,
        description="Requests carry batches of rows: cost is per prediction, not per request.",
        hint=(
            "Divide each version's total cost by its total n_predictions, not by its number "
            "of requests and not by averaging per-request costs."
        ),
    )

    single = _logs(rng, ["main"], [300], [1, 2], 0.0)
    single = pd.concat(
        [
            single,
            pd.DataFrame(
                {
                    "version": ["hotfix"],
                    "latency_ms": [27.5],
                    "n_predictions": [3],
                    "cost_usd": [0.00009],
                }
            ),
        ],
        ignore_index=True,
    )
    yield Case(
        "a version with one request",
        args=(single,),
        expected=reference(single),
        check=CLOSE,
        points=2,
        description="With one latency, p50, p95 and p99 all equal it.",
    )

    broken = _logs(rng, ["v1", "v2"], [400, 400], [1, 4], 0.03)
    crashed = pd.DataFrame(
        {
            "version": ["v0-crashed"] * 5,
            "latency_ms": [np.nan] * 5,
            "n_predictions": [0] * 5,
            "cost_usd": [0.00001] * 5,
        }
    )
    broken = pd.concat([crashed, broken], ignore_index=True)
    yield Case(
        "a version whose requests all failed",
        args=(broken,),
        expected=reference(broken),
        check=CLOSE,
        points=2,
        description=(
            "A version with no latencies and no predictions keeps its row, filled with NaN "
            "(not inf)."
        ),
        hint=(
            "A version with zero predictions must keep its row, with NaN in every column: "
            "dividing by a zero count gives inf, so turn the zero into NaN before dividing, "
            "and do not drop the version's rows."
        ),
    )
