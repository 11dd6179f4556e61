import numpy as np
from sklearn.metrics import roc_auc_score

from grader.cases import Case, metric_at_least

SEED = 20261202

BUDGET = 4.0  # seconds per call; three calls and the imports fit in the 20 s time limit
SLACK = 0.012  # the floor: this far below the AUC of the rule that generated the labels


def _problem(rng, n_train, n_features, n_signal, n_test=1000):
    """Wide data with a few columns that matter, in units of their own.

    The labels come from a logistic model on ``n_signal`` of the columns, so the best any
    model can do on the held-out rows is the AUC of that model's own scores: the floor is
    set just below it, and needs no model fitted here.
    """
    n = n_train + n_test
    X = rng.normal(size=(n, n_features))
    weights = np.zeros(n_features)
    chosen = rng.choice(n_features, n_signal, replace=False)
    weights[chosen] = rng.normal(0.0, 1.0, n_signal) * rng.uniform(1.0, 2.0)
    logit = X @ weights + rng.normal(0.0, 0.5)
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(np.int64)
    X = X * 10.0 ** rng.uniform(-1.0, 2.0, n_features) + rng.normal(0.0, 50.0, n_features)
    best = float(roc_auc_score(y[n_train:], logit[n_train:]))
    return (X[:n_train], y[:n_train], X[n_train:], BUDGET), y[n_train:], best - SLACK


HINT = (
    "Below the floor. Most columns are noise: an L2 model, or an L1 model left at C=1, keeps "
    "too much of it. Standardise, then choose C for an L1 model by cross-validated AUC (not "
    "the training score, which always prefers the largest C), and return scores, not 0/1 "
    "labels."
)


def cases(rng, reference):
    draws = [
        ("worked example", True, (1200, 300, 8), 2),
        (
            "a hidden draw",
            False,
            (int(rng.integers(1100, 1400)), int(rng.integers(250, 350)), 10),
            4,
        ),
        (
            "fewer rows, more columns",
            False,
            (int(rng.integers(800, 1000)), int(rng.integers(300, 400)), 5),
            4,
        ),
    ]
    for name, visible, (n_train, n_features, n_signal), points in draws:
        args, y_test, floor = _problem(rng, n_train, n_features, n_signal)
        yield Case(
            f"{name}: held-out AUC",
            args=args,
            check=metric_at_least(roc_auc_score, y_test, floor, label="held-out ROC AUC"),
            visible=visible,
            points=points,
            hint=HINT,
        )
