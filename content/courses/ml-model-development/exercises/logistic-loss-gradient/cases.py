import numpy as np
from sklearn.linear_model import LogisticRegression

from grader.cases import Case, approx, predicate

SEED = 20261202

CLOSE = approx(rtol=1e-6, atol=1e-9)


def _loss_matches(expected_loss):
    def ok(received):
        loss = float(received[0])
        return abs(loss - expected_loss) <= 1e-9 + 1e-6 * abs(expected_loss)

    return ok


def _gradient_matches(expected_gradient):
    def ok(received):
        gradient = np.asarray(received[1], dtype=float)
        return gradient.shape == expected_gradient.shape and bool(
            np.allclose(gradient, expected_gradient, rtol=1e-6, atol=1e-9)
        )

    return ok


def _problem(rng, n, p, weight_scale):
    X = rng.normal(0, 1, size=(n, p))
    weights = rng.normal(0, weight_scale, size=p + 1)
    scores = weights[0] + X @ weights[1:]
    y = (rng.random(n) < 1 / (1 + np.exp(-np.clip(scores, -30, 30)))).astype(float)
    return X, y, weights


def cases(rng, reference):
    """Visible cases show the definitions; hidden ones vary sizes, weights and penalties."""
    X_small = np.array([[0.5, 1.0], [-1.0, 2.0], [1.5, -0.5], [2.0, 0.0]])
    y_small = np.array([1, 0, 1, 0])
    args = (X_small, y_small, np.zeros(3))
    yield Case(
        "zero weights, no penalty",
        args=args,
        kwargs={"alpha": 0.0},
        expected=reference(*args, alpha=0.0),
        check=CLOSE,
        visible=True,
        points=2,
        description="Every probability is 0.5, so the loss is log 2 whatever the labels.",
        hint=(
            "With zero weights every row costs log 2, so the mean is log 2 too. If your "
            "loss is n times that, you summed instead of averaging; if the gradient has "
            "the opposite sign, check the order of the probabilities and the labels."
        ),
    )

    args = (X_small, y_small, np.array([0.5, -1.0, 2.0]))
    yield Case(
        "a penalty on two weights",
        args=args,
        kwargs={"alpha": 0.3},
        expected=reference(*args, alpha=0.3),
        check=CLOSE,
        visible=True,
        points=2,
        description="The penalty is (alpha / 2) times the sum of the squared feature weights.",
        hint=(
            "The penalty covers the feature weights only, never weights[0], and it is "
            "alpha / 2 times their squares, so its gradient is alpha times each weight."
        ),
    )

    n, p = int(rng.integers(50, 300)), int(rng.integers(2, 7))
    X, y, weights = _problem(rng, n, p, weight_scale=1.0)
    alpha = float(rng.uniform(0.05, 1.0))
    expected_loss, expected_gradient = reference(X, y, weights, alpha=alpha)
    yield Case(
        "random data: the loss",
        args=(X, y, weights),
        kwargs={"alpha": alpha},
        check=predicate(_loss_matches(expected_loss), "the loss to match (rtol 1e-6)"),
        points=1,
        hint=(
            "Your loss is off: average the rows' log losses (do not sum them) and add "
            "alpha / 2 times the squared feature weights, leaving out the intercept."
        ),
    )
    yield Case(
        "random data: the gradient",
        args=(X, y, weights),
        kwargs={"alpha": alpha},
        check=predicate(_gradient_matches(expected_gradient), "the gradient to match"),
        points=2,
        hint=(
            "Your gradient is off: it is the design matrix (ones first) transposed, times "
            "probabilities minus labels, divided by the number of rows, plus alpha times "
            "each feature weight."
        ),
    )

    n, p = int(rng.integers(40, 120)), int(rng.integers(2, 5))
    X, y, weights = _problem(rng, n, p, weight_scale=0.5)
    weights[0] = float(rng.choice([-1, 1]) * rng.uniform(3, 6))
    alpha = float(rng.uniform(1.0, 3.0))
    yield Case(
        "a large intercept under a strong penalty",
        args=(X, y, weights),
        kwargs={"alpha": alpha},
        expected=reference(X, y, weights, alpha=alpha),
        check=CLOSE,
        points=1,
        hint=(
            "The intercept only shifts every score; it is not penalised, so weights[0] "
            "must appear neither in the penalty nor in its gradient term."
        ),
    )

    n, p = int(rng.integers(60, 200)), int(rng.integers(2, 5))
    X, y, weights = _problem(rng, n, p, weight_scale=float(rng.uniform(60, 150)))
    scores = weights[0] + X @ weights[1:]
    flipped = rng.random(n) < 0.1
    flipped[np.argmax(scores)] = True  # at least one very confident mistake
    y = np.where(flipped, 1.0 - (scores > 0), y)
    alpha = float(rng.uniform(0.0, 0.01))
    yield Case(
        "very confident scores",
        args=(X, y, weights),
        kwargs={"alpha": alpha},
        expected=reference(X, y, weights, alpha=alpha),
        check=CLOSE,
        points=2,
        hint=(
            "Some scores here are in the hundreds, so a probability rounds to exactly 0 "
            "or 1 and its logarithm is infinite, or wrong if you clip it. Write each "
            "row's loss in terms of the score itself with a function that stays finite "
            "(see the hints)."
        ),
    )

    state = np.random.RandomState(rng.integers(0, 2**32, size=4))
    n, p = int(rng.integers(150, 400)), int(rng.integers(3, 6))
    X, y, _ = _problem(rng, n, p, weight_scale=1.0)
    C = float(rng.uniform(0.05, 2.0))
    fitted = LogisticRegression(C=C, tol=1e-12, max_iter=10_000, random_state=state)
    fitted.fit(X, y)
    weights = np.concatenate([fitted.intercept_, fitted.coef_[0]])
    alpha = 1.0 / (C * n)  # scikit-learn's C * sum(loss) + |w|^2 / 2, divided by C * n
    yield Case(
        "zero gradient at scikit-learn's fitted weights",
        args=(X, y, weights),
        kwargs={"alpha": alpha},
        expected=reference(X, y, weights, alpha=alpha),
        check=approx(rtol=1e-6, atol=1e-7),
        points=2,
        description=(
            "scikit-learn's LogisticRegression minimises the same objective with "
            "alpha = 1 / (C * n), so its weights are where your gradient is zero."
        ),
        hint=(
            "At scikit-learn's solution the gradient should vanish. If it does not, your "
            "penalty's scale differs from alpha / 2 times the squared feature weights, "
            "or it includes the intercept."
        ),
    )
