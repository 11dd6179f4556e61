import numpy as np

from grader.cases import Case, approx

SEED = 20240914

# The answer is one of the candidate thresholds, so it must match that value, not approximate it.
SAME_THRESHOLD = approx(rtol=0, atol=1e-12)


def _scored_sample(rng, n, positive_rate, separation):
    """Labels and probabilities from a model that ranks positives higher, imperfectly."""
    y_true = (rng.random(n) < positive_rate).astype(int)
    logits = rng.normal(0.0, 1.0, size=n) + separation * y_true - 2.5
    y_prob = 1.0 / (1.0 + np.exp(-logits))
    return y_true, np.round(y_prob, 4)


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones cover ties, edge costs and scale."""
    y_true = [0, 0, 1, 1, 0, 1]
    y_prob = [0.10, 0.40, 0.35, 0.80, 0.60, 0.90]
    args = (y_true, y_prob, 1, 5, [0.3, 0.5, 0.7])
    yield Case(
        "the example from the prompt",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        visible=True,
        points=2,
        description=(
            "Costs: 2 at 0.3, 6 at 0.5, 5 at 0.7. A case is flagged when y_prob >= threshold."
        ),
    )

    args = ([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.7], 2, 2, [0.8, 0.65, 0.5, 0.1])
    yield Case(
        "a tie, grid in descending order",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        visible=True,
        points=2,
        description=(
            "0.8 and 0.5 both cost 2. Return the smallest tied threshold, 0.5, even though "
            "0.8 comes first in the list."
        ),
        hint=(
            "Several thresholds share the lowest cost here. Return the smallest of them, "
            "whatever order the grid came in: sort or deduplicate the grid first."
        ),
    )

    # Probabilities sit exactly on grid values: ">" instead of ">=" changes the answer.
    on_grid = np.array([0.3, 0.5, 0.5, 0.7, 0.2, 0.5, 0.9, 0.4])
    labels = np.array([0, 1, 1, 1, 0, 1, 1, 0])
    args = (labels, on_grid, 1.0, 4.0, np.array([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]))
    yield Case(
        "probabilities equal to candidate thresholds",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        points=2,
        description="A probability equal to the threshold counts as flagged (y_prob >= t).",
        hint=("A probability equal to the threshold counts as positive: compare with >=, not >."),
    )

    y_neg = np.zeros(40, dtype=int)
    p_neg = np.round(rng.uniform(0.0, 0.62, size=40), 3)
    grid = np.round(np.arange(0.05, 1.0, 0.05), 2)[::-1]
    args = (y_neg, p_neg, 3.0, 50.0, grid)
    yield Case(
        "no positives in the sample",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        points=2,
        description=(
            "With no positives, every threshold above the largest probability costs 0; "
            "return the smallest of those."
        ),
    )

    y_free, p_free = _scored_sample(rng, 300, 0.2, 2.0)
    grid = rng.permutation(np.round(np.linspace(0.0, 0.95, 20), 2))
    args = (y_free, p_free, 0.0, 10.0, grid)
    yield Case(
        "false alarms cost nothing",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        points=2,
        description=(
            "When cost_fp is 0, several low thresholds tie at the lowest cost; the grid is "
            "shuffled, so return the smallest tied value, not the first one listed."
        ),
        hint=(
            "Check which count each cost multiplies: cost_fp goes with negatives "
            "predicted positive, cost_fn with positives predicted negative."
        ),
    )

    y_big, p_big = _scored_sample(rng, 5000, 0.05, 3.0)
    grid = np.round(np.linspace(0.01, 0.99, 99), 2)
    args = (y_big, p_big, 1.0, 30.0, grid)
    yield Case(
        "5,000 imbalanced predictions, 99 thresholds",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        points=3,
        description="Count false positives and false negatives separately for every threshold.",
        hint=(
            "Count the false positives and false negatives at every candidate threshold; "
            "the formula cost_fp / (cost_fp + cost_fn) is optimal only for calibrated "
            "probabilities."
        ),
    )

    y_mix, p_mix = _scored_sample(rng, 2000, 0.3, 2.5)
    base = np.round(np.linspace(0.05, 0.95, 37), 3)
    grid = rng.permutation(np.concatenate([base, base[::4]])).tolist()
    args = (y_mix.tolist(), p_mix.tolist(), 4, 7, grid)
    yield Case(
        "lists, a shuffled grid with duplicates",
        args=args,
        expected=reference(*args),
        check=SAME_THRESHOLD,
        points=3,
        description=(
            "Inputs arrive as plain lists and the grid is shuffled with repeated values; "
            "convert with np.asarray and return a float from the grid."
        ),
    )
