import numpy as np

from grader.cases import Case, metric_at_most

SEED = 20261201

# The decisions are scored in money: a flagged transaction costs the review fee whether
# or not it is fraud; a fraud that is not flagged costs its amount; a legitimate one that
# is not flagged costs nothing. Each case's ceiling is a multiple of what the best possible
# rule costs on the same rows: flag a row when its *true* fraud probability times its
# amount exceeds the fee. That rule needs the true probabilities, which only this file
# knows; a learner gets close by calibrating the vendor's score on the validation rows.
CEILING = 1.08  # at most 8% above the cost of the ideal rule
FAIR = 1.04  # a draw is redrawn unless the reference is within 4% of the ideal rule


def _transactions(rng, n, base_rate, slope, shift, amount_sigma):
    """Scores, amounts, fraud labels and true fraud probabilities for ``n`` transactions.

    The vendor's score ranks transactions by their true log-odds ``z`` but is distorted:
    ``sigmoid(slope * z + shift)``. A slope above 1 makes it overconfident, below 1
    underconfident, and the shift moves it up or down.
    """
    z = np.log(base_rate / (1 - base_rate)) + rng.normal(0.0, 1.6, n)
    probability = 1.0 / (1.0 + np.exp(-z))
    fraud = (rng.random(n) < probability).astype(int)
    amount = np.round(rng.lognormal(np.log(120.0), amount_sigma, n), 2)
    score = 1.0 / (1.0 + np.exp(-(slope * z + shift)))
    return np.round(score, 6), amount, fraud, probability


def _cost_per_transaction(truth, decisions):
    """Mean cost in pounds; ``truth`` holds (fraud, amount, fee) per row."""
    flagged = np.asarray(decisions)
    if flagged.ndim != 1 or not np.isin(flagged, (0, 1)).all():
        raise ValueError("return one True/False (or 1/0) decision per test transaction")
    flagged = flagged.astype(bool)
    fraud, amount, fee = truth[:, 0], truth[:, 1], truth[:, 2]
    return float(np.mean(np.where(flagged, fee, fraud * amount)))


def _case(rng, reference, name, *, slope, shift, base_rate, fee, amount_sigma, n_val, **extra):
    for _ in range(30):
        val_s, val_a, val_y, _ = _transactions(rng, n_val, base_rate, slope, shift, amount_sigma)
        test_s, test_a, test_y, test_p = _transactions(
            rng, 4000, base_rate, slope, shift, amount_sigma
        )
        truth = np.column_stack([test_y, test_a, np.full(len(test_y), fee)])
        ideal = _cost_per_transaction(truth, test_p * test_a > fee)
        mine = _cost_per_transaction(truth, reference(val_s, val_a, val_y, test_s, test_a, fee))
        if mine <= FAIR * ideal:
            break
    else:  # pragma: no cover - the reference is close to ideal on almost every draw
        raise RuntimeError("no fair draw found")
    return Case(
        name,
        args=(val_s, val_a, val_y, test_s, test_a, fee),
        check=metric_at_most(
            _cost_per_transaction, truth, CEILING * ideal, label="cost per transaction (pounds)"
        ),
        **extra,
    )


def cases(rng, reference):
    yield _case(
        rng,
        reference,
        "worked example: an overconfident score",
        slope=2.2,
        shift=-0.5,
        base_rate=0.05,
        fee=25.0,
        amount_sigma=1.0,
        n_val=3000,
        visible=True,
        points=2,
        description="The ceiling is 8% above what the ideal rule costs on these test rows.",
        hint="Treating the score as a probability, or using one threshold for every "
        "amount, costs more than the ceiling here. Turn scores into probabilities with "
        "the validation labels, then compare each row's expected loss with the fee.",
    )
    yield _case(
        rng,
        reference,
        "overconfident scores, a new fee",
        slope=rng.uniform(2.0, 3.0),
        shift=rng.choice([-1.0, 1.0]) * rng.uniform(0.4, 1.0),
        base_rate=rng.uniform(0.03, 0.08),
        fee=float(np.round(rng.uniform(15.0, 40.0), 2)),
        amount_sigma=1.0,
        n_val=3000,
        points=3,
        hint="Scores squeezed towards 0 and 1 are not probabilities. Calibrate them on the "
        "validation rows (for example a logistic regression on the logit of the score) "
        "before you weigh them against the fee.",
    )
    yield _case(
        rng,
        reference,
        "underconfident scores",
        slope=rng.uniform(0.35, 0.55),
        shift=rng.choice([-1.0, 1.0]) * rng.uniform(0.4, 1.0),
        base_rate=rng.uniform(0.03, 0.08),
        fee=float(np.round(rng.uniform(15.0, 40.0), 2)),
        amount_sigma=1.0,
        n_val=3000,
        points=3,
        hint="Scores bunched near the middle are not probabilities either, and a cut at 0.5 "
        "or at the best-F1 point ignores the fee. Calibrate on the validation labels, then "
        "decide from expected cost.",
    )
    yield _case(
        rng,
        reference,
        "amounts from pennies to thousands",
        slope=rng.choice([rng.uniform(0.35, 0.55), rng.uniform(2.0, 3.0)]),
        shift=rng.choice([-1.0, 1.0]) * rng.uniform(0.4, 1.0),
        base_rate=rng.uniform(0.03, 0.08),
        fee=float(np.round(rng.uniform(15.0, 40.0), 2)),
        amount_sigma=1.5,
        n_val=2000,
        points=2,
        hint="When amounts vary this much, one score threshold for every transaction is "
        "too blunt: a large transaction is worth reviewing at a lower fraud probability "
        "than a small one. Decide row by row.",
    )
