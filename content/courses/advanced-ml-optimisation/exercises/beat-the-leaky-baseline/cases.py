import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from grader.cases import Case, metric_at_least

SEED = 20261203

# Loan applications. The training rows are an export of past loans taken *after* their
# outcome was known, so two columns there describe the outcome itself: the account's
# collections status and its days past due. The held-out rows are new applications at the
# moment of decision, when every account is "current" with 0 days past due. A model that
# learnt from those columns has nothing left to go on. The branch identifier carries no
# signal at all, but with a handful of loans per branch a target mean computed on the
# training rows memorises their labels.
PURPOSE_EFFECT = {
    "car": 0.0,
    "home_improvement": -0.5,
    "education": 0.3,
    "business": 0.7,
    "holiday": 0.4,
    "debt_consolidation": 0.9,
}
GAP = 0.06  # the threshold: this far below the AUC of the rule the labels came from
FAIR = 0.03  # redraw unless the reference is within this much of that rule


def _applications(rng, n, n_branches, exported_after_outcome):
    income = np.round(rng.lognormal(np.log(32_000), 0.45, n), -2)
    amount = np.round(rng.lognormal(np.log(9_000), 0.7, n), -1)
    age = rng.integers(19, 75, n)
    years = np.minimum(rng.exponential(6.0, n), age - 18).round(1)
    debt = np.round(rng.lognormal(np.log(4_000), 1.0, n), -1)
    purpose = rng.choice(list(PURPOSE_EFFECT), n)
    branch = np.array([f"BR{b:04d}" for b in rng.integers(0, n_branches, n)])
    log_odds = (
        -1.6
        + 0.84 * np.log(4 * amount / income)
        + 0.8 * np.log1p(10 * debt / income)
        - 0.08 * years
        - 0.015 * (age - 40)
        + pd.Series(purpose).map(PURPOSE_EFFECT).to_numpy()
    )
    default = (rng.random(n) < 1 / (1 + np.exp(-log_odds))).astype(int)
    if exported_after_outcome:
        in_collections = np.where(default == 1, rng.random(n) < 0.85, rng.random(n) < 0.03)
        late = np.where(default == 1, rng.integers(30, 200, n), rng.integers(1, 30, n))
        days_past_due = np.where(in_collections | (rng.random(n) < 0.1), late, 0)
        status = np.where(in_collections, "in_collections", "current")
    else:  # at the moment of decision nobody has missed a payment yet
        days_past_due = np.zeros(n, dtype=int)
        status = np.full(n, "current")
    frame = pd.DataFrame(
        {
            "application_id": rng.permutation(10 * n)[:n] + 100_000,
            "branch_id": branch,
            "income": income,
            "loan_amount": amount,
            "age": age,
            "employment_years": years,
            "existing_debt": debt,
            "purpose": purpose,
            "collections_status": status,
            "days_past_due": days_past_due,
        }
    )
    return frame, default, log_odds


def _case(rng, reference, name, n_train, **extra):
    for _ in range(20):
        n_branches = int(rng.integers(n_train // 8, n_train // 4))
        train, y_train, _ = _applications(rng, n_train, n_branches, True)
        test, y_test, log_odds = _applications(rng, 3000, n_branches, False)
        ideal = roc_auc_score(y_test, log_odds)
        if roc_auc_score(y_test, reference(train, y_train, test)) >= ideal - FAIR:
            break
    else:  # pragma: no cover - the reference is within FAIR on almost every draw
        raise RuntimeError("no fair draw found")
    return Case(
        name,
        args=(train, pd.Series(y_train, name="defaulted"), test),
        check=metric_at_least(roc_auc_score, y_test, ideal - GAP, label="held-out ROC AUC"),
        **extra,
    )


LEAK_HINT = (
    "Your model scores almost at random on the new applications. Check, for every column, "
    "whether its value is known at the moment of the decision; the data dictionary says "
    "when each one is recorded."
)


def cases(rng, reference):
    yield _case(
        rng,
        reference,
        "worked example: 2,000 past loans",
        2000,
        visible=True,
        points=4,
        description="The threshold is 0.06 below the AUC of the rule the labels came from.",
        hint=LEAK_HINT,
    )
    yield _case(
        rng,
        reference,
        "a larger export",
        int(rng.integers(2500, 3500)),
        points=3,
        hint=LEAK_HINT,
    )
    yield _case(
        rng,
        reference,
        "few loans per branch",
        int(rng.integers(1200, 1800)),
        points=3,
        hint="Below the threshold but well above random? A branch's default rate computed "
        "on the same rows the model trains on includes each row's own label. Leave the "
        "branch out, or use a cross-fitted encoder such as TargetEncoder.",
    )
