import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, roc_auc_score

from grader.cases import Case, metric_at_least, metric_at_most, predicate

SEED = 20261202

CHANNELS = ["broker", "web", "phone"]
CHANNEL_EFFECT = {"broker": -0.4, "web": 0.5, "phone": 0.0, "partner-app": 0.6}
WITNESS_EFFECT = {"yes": -0.6, "no": 0.6}
AGE_BANDS = ["18-34", "35-54", "55+"]


def _claims(rng, n, *, new_claims):
    """Motor-insurance claims with the true fraud probability of each one."""
    amount = np.exp(rng.normal(np.log(2500.0), 0.8, size=n))
    outliers = rng.random(n) < 0.01
    amount[outliers] *= rng.uniform(8, 25, size=outliers.sum())
    tenure = rng.gamma(2.0, 2.5, size=n)
    prior = rng.poisson(0.4, size=n)
    days = rng.integers(1, 2000, size=n)
    vehicle_age = rng.gamma(2.0, 3.0, size=n)
    channel_pool = CHANNELS + (["partner-app"] if new_claims else [])
    weights = [0.35, 0.35, 0.2, 0.1] if new_claims else [0.4, 0.35, 0.25]
    channel = rng.choice(channel_pool, size=n, p=weights)
    witness = rng.choice(["yes", "no", None], size=n, p=[0.45, 0.4, 0.15])
    logit = (
        -3.0
        + 0.9 * np.log(amount / 2500.0)
        + 0.55 * prior
        - 0.6 * np.log1p(days / 30.0)
        + 1.2
        - 0.12 * tenure
        + 0.04 * vehicle_age
        + np.array([CHANNEL_EFFECT[c] for c in channel])
        + np.array([WITNESS_EFFECT.get(w, 0.3) for w in witness])
    )
    p_true = 1.0 / (1.0 + np.exp(-logit))
    fraud = (rng.random(n) < p_true).astype(int)

    frame = pd.DataFrame(
        {
            "claim_id": rng.permutation(900_000)[:n] + 100_000,
            "amount": np.round(amount, 2),
            "policy_tenure_years": np.round(tenure, 1),
            "prior_claims": prior,
            "days_since_policy_start": days,
            "channel": channel,
            "witness": pd.array(witness, dtype="object"),
            "vehicle_age": np.round(vehicle_age, 1),
            "age_band": rng.choice(AGE_BANDS, size=n, p=[0.3, 0.45, 0.25]),
        }
    )
    # Messy: missing tenure and vehicle age, inconsistent spellings of the channel.
    frame.loc[rng.random(n) < 0.12, "policy_tenure_years"] = np.nan
    frame.loc[rng.random(n) < 0.08, "vehicle_age"] = np.nan
    shout = rng.random(n) < 0.05
    frame.loc[shout, "channel"] = frame.loc[shout, "channel"].str.upper() + " "
    # The leak: the investigations unit's referral flag is set after the fact, so it
    # almost always marks fraud in the history and is still 0 for every new claim.
    if new_claims:
        frame["referred_to_siu"] = 0
    else:
        frame["referred_to_siu"] = np.where(
            fraud == 1, rng.random(n) < 0.85, rng.random(n) < 0.02
        ).astype(int)
    return frame, fraud, p_true


def _total_cost(truth, received, review_cost, capacity):
    """Review costs plus the amounts of the frauds left uninvestigated; inf over capacity."""
    investigate = np.asarray(received["investigate"], dtype=bool)
    if investigate.sum() > capacity:
        return float("inf")
    missed = (truth["is_fraud"].to_numpy() == 1) & ~investigate
    return float(review_cost * investigate.sum() + truth["amount"].to_numpy()[missed].sum())


def _oracle_plan(p_true, amount, review_cost, capacity):
    """The best plan with the true probabilities: the largest positive expected savings."""
    saving = p_true * amount - review_cost
    order = np.argsort(-saving)
    chosen = order[:capacity][saving[order[:capacity]] > 0]
    plan = np.zeros(len(amount), dtype=bool)
    plan[chosen] = True
    return plan


def _problem(rng):
    """One fair draw: training history, new claims, costs, a binding capacity, the truth."""
    while True:
        n_train, n_test = int(rng.integers(3000, 4000)), int(rng.integers(1800, 2400))
        train, y_train, _ = _claims(rng, n_train, new_claims=False)
        test, y_test, p_test = _claims(rng, n_test, new_claims=True)
        review_cost = float(rng.integers(15, 40) * 10)
        worth_it = int((p_test * test["amount"].to_numpy() > review_cost).sum())
        capacity = int(round(worth_it * rng.uniform(0.55, 0.75)))
        if 8 < y_test.sum() and 20 <= capacity:
            break
    train["is_fraud"] = y_train
    truth = pd.DataFrame(
        {"is_fraud": y_test, "amount": test["amount"].to_numpy(), "age_band": test["age_band"]}
    )
    oracle = _oracle_plan(p_test, test["amount"].to_numpy(), review_cost, capacity)
    oracle_cost = _total_cost(truth, {"investigate": oracle}, review_cost, capacity)
    return train, test, review_cost, capacity, truth, p_test, oracle_cost


def _well_formed(n, capacity):
    def check(received):
        return (
            isinstance(received, pd.DataFrame)
            and list(received.columns) == ["p_fraud", "investigate"]
            and len(received) == n
            and received["p_fraud"].between(0, 1).all()
            and received["investigate"].dtype == bool
            and int(received["investigate"].sum()) <= capacity
        )

    return check


def _fpr_gap(truth, received):
    """Largest difference between age bands in the share of honest claims investigated."""
    honest = truth["is_fraud"].to_numpy() == 0
    investigate = np.asarray(received["investigate"], dtype=bool)
    bands = truth["age_band"].to_numpy()
    rates = [investigate[honest & (bands == b)].mean() for b in AGE_BANDS]
    return float(max(rates) - min(rates))


def cases(rng, reference):
    """One visible shape check, then hidden draws scored on ranking, calibration and cost."""
    train, test, review_cost, capacity, truth, p_test, oracle_cost = _problem(rng)
    args = (train, test, review_cost, capacity)
    yield Case(
        "a plan of the right shape",
        args=args,
        check=predicate(
            _well_formed(len(test), capacity),
            "a DataFrame with the columns p_fraud (floats in [0, 1]) and investigate (bool), "
            "one row per new claim, and no more investigations than the capacity",
        ),
        visible=True,
        points=2,
        description="The structure of the answer and the capacity; not its quality.",
        hint=(
            "Return pd.DataFrame({'p_fraud': ..., 'investigate': ...}, index=test.index) with "
            "investigate as a bool column, and never mark more claims than the capacity."
        ),
    )

    train, test, review_cost, capacity, truth, p_test, oracle_cost = _problem(rng)
    auc_floor = roc_auc_score(truth["is_fraud"], p_test) - 0.05
    yield Case(
        "ranking of new claims (ROC AUC)",
        args=(train, test, review_cost, capacity),
        check=metric_at_least(
            lambda t, r: roc_auc_score(t["is_fraud"], r["p_fraud"]), truth, auc_floor, "ROC AUC"
        ),
        points=4,
        hint=(
            "Your probabilities barely separate fraud from honest claims. Learn from the "
            "claims' features, cleaned in the same way for the history and the new claims "
            "(spellings of the channel, missing values, the skewed amounts)."
        ),
    )

    train, test, review_cost, capacity, truth, p_test, oracle_cost = _problem(rng)
    brier_ceiling = brier_score_loss(truth["is_fraud"], p_test) + 0.006
    yield Case(
        "calibrated probabilities (Brier score)",
        args=(train, test, review_cost, capacity),
        check=metric_at_most(
            lambda t, r: brier_score_loss(t["is_fraud"], r["p_fraud"]),
            truth,
            brier_ceiling,
            "Brier score",
        ),
        points=4,
        hint=(
            "Your probabilities cannot be taken literally. Reweighting or resampling the "
            "classes moves them away from the real fraud rate; the expected-loss rule needs "
            "probabilities that match how often fraud happens."
        ),
    )

    # Redraw the rare problem where even the reference plan costs far above the oracle's.
    while True:
        train, test, review_cost, capacity, truth, p_test, oracle_cost = _problem(rng)
        plan = reference(train, test, review_cost, capacity)
        if _total_cost(truth, plan, review_cost, capacity) <= oracle_cost * 1.15:
            break
    yield Case(
        "total cost of the plan",
        args=(train, test, review_cost, capacity),
        check=metric_at_most(
            lambda t, r, c=review_cost, k=capacity: _total_cost(t, r, c, k),
            truth,
            oracle_cost * 1.25,
            "total cost",
        ),
        points=8,
        description="Review costs plus the amounts of frauds left uninvestigated.",
        hint=(
            "Your plan costs too much. Train only on what is known when a claim arrives, rank "
            "claims by expected saving (probability times amount, minus the review cost), "
            "take no claim whose saving is negative and no more than the capacity."
        ),
    )

    # With a few dozen investigations, sampling noise alone opens a gap between the bands;
    # redraw the rare problem where it already takes most of the allowance.
    while True:
        train, test, review_cost, capacity, truth, p_test, oracle_cost = _problem(rng)
        if _fpr_gap(truth, reference(train, test, review_cost, capacity)) <= 0.03:
            break
    yield Case(
        "honest claims investigated evenly across age bands",
        args=(train, test, review_cost, capacity),
        check=metric_at_most(_fpr_gap, truth, 0.05, "gap in false-positive rate"),
        points=2,
        hint=(
            "Honest customers in one age band are investigated far more often than in "
            "another. Fraud does not depend on age here: check what your model learnt from "
            "the age band."
        ),
    )
