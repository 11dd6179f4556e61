import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from grader.cases import Case, predicate

SEED = 20261204

KEYS = {"features", "center", "scale", "weights", "weight_scale", "bias"}
DROP = 0.03  # the accuracy floor: this far below an uncompressed float64 model


def size_in_bytes(model) -> int:
    """What the model costs to store: the bytes of its six arrays, as NumPy holds them."""
    return int(sum(np.asarray(model[key]).nbytes for key in KEYS))


def predict(model, X) -> np.ndarray:
    """Rebuild the model from its parts and predict a class for each row of ``X``.

    Raises ValueError when the parts do not fit together, so that a malformed answer
    fails the case instead of being scored.
    """
    if not isinstance(model, dict) or set(model) != KEYS:
        raise ValueError("return a dict with exactly the six documented keys")
    parts = {key: np.asarray(model[key]) for key in KEYS}
    if any(part.dtype.kind not in "iuf" for part in parts.values()):
        raise ValueError("every part must be a numeric array")
    features = parts["features"]
    m = features.shape[0] if features.ndim == 1 else -1
    k = parts["bias"].shape[0] if parts["bias"].ndim == 1 else -1
    if (
        features.dtype.kind not in "iu"
        or m < 1
        or features.min() < 0
        or features.max() >= X.shape[1]
        or parts["center"].shape != (m,)
        or parts["scale"].shape != (m,)
        or parts["weights"].shape != (m, k)
        or parts["weight_scale"].shape != (k,)
    ):
        raise ValueError("the parts' shapes do not fit together")
    z = (X[:, features.astype(np.int64)] - parts["center"].astype(np.float64)) / parts[
        "scale"
    ].astype(np.float64)
    weights = parts["weights"].astype(np.float64) * parts["weight_scale"].astype(np.float64)
    logits = z @ weights + parts["bias"].astype(np.float64)
    if not np.isfinite(logits).all():
        raise ValueError("the model produces non-finite scores")
    return np.argmax(logits, axis=1)


def _problem(rng, n_features, n_classes, n_informative):
    state = np.random.RandomState(rng.integers(0, 2**32, size=4))
    X, y = make_classification(
        n_samples=5000,
        n_features=n_features,
        n_informative=n_informative,
        n_redundant=0,
        n_classes=n_classes,
        n_clusters_per_class=1,
        class_sep=1.0,
        flip_y=0.02,
        random_state=state,
    )
    # Columns in their own units: a model's raw coefficients then say nothing about which
    # columns matter.
    X = X * 10.0 ** rng.uniform(-2.0, 3.0, n_features) + rng.normal(0.0, 100.0, n_features)
    return X[:2000], y[:2000], X[2000:], y[2000:]


def _full_precision_accuracy(X_train, y_train, X_test, y_test) -> float:
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    return float(np.mean(model.fit(X_train, y_train).predict(X_test) == y_test))


def _draw(rng, reference, n_features, n_classes, n_informative, max_bytes):
    for _ in range(20):
        X_train, y_train, X_test, y_test = _problem(rng, n_features, n_classes, n_informative)
        floor = _full_precision_accuracy(X_train, y_train, X_test, y_test) - DROP
        mine = reference(X_train, y_train, max_bytes)
        if size_in_bytes(mine) <= max_bytes and np.mean(predict(mine, X_test) == y_test) >= (
            floor + DROP / 2
        ):
            return (X_train, y_train, max_bytes), X_test, y_test, floor
    raise RuntimeError("no fair draw found")  # pragma: no cover


def _fits(max_bytes):
    def check(model):
        predict(model, np.zeros((1, 10_000)))  # the parts fit together
        return size_in_bytes(model) <= max_bytes

    return check


def _accurate(X_test, y_test, floor):
    return lambda model: float(np.mean(predict(model, X_test) == y_test)) >= floor


SIZE_HINT = (
    "Too big. Count the bytes: one float64 is 8 bytes, one int8 is 1. Quantise the weights "
    "to int8, store the other parts in float32 or smaller, and keep only the columns that "
    "matter."
)
ACCURACY_HINT = (
    "Too inaccurate. Rank the columns by their coefficients on standardised data, not raw "
    "units; round to the nearest int8 with a scale of max |w| / 127, clipped to -127..127 "
    "(int8 wraps past 127)."
)


def cases(rng, reference):
    draws = [
        ("worked example", True, (60, 3, 8, 320), (1, 2)),
        (
            "four classes",
            False,
            (int(rng.integers(60, 90)), 4, 10, int(rng.integers(260, 330))),
            (2, 2),
        ),
        (
            "a tighter budget",
            False,
            (int(rng.integers(70, 100)), 4, 8, int(rng.integers(200, 240))),
            (1, 2),
        ),
    ]
    for name, visible, (n_features, n_classes, n_informative, max_bytes), points in draws:
        args, X_test, y_test, floor = _draw(
            rng, reference, n_features, n_classes, n_informative, max_bytes
        )
        yield Case(
            f"{name}: size within the limit",
            args=args,
            check=predicate(
                _fits(max_bytes), f"a valid model whose arrays hold at most {max_bytes} bytes"
            ),
            visible=visible,
            points=points[0],
            hint=SIZE_HINT,
        )
        yield Case(
            f"{name}: accuracy on held-out rows",
            args=args,
            check=predicate(
                _accurate(X_test, y_test, floor),
                "a valid model whose held-out accuracy is within 0.03 of a full-precision "
                "logistic regression",
            ),
            visible=visible,
            points=points[1],
            hint=ACCURACY_HINT,
        )
