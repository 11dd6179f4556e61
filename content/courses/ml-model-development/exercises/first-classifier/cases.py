import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from grader.cases import Case, metric_at_least

SEED = 20240703

# The held-out labels of the hidden cases must not be recoverable inside the sandbox,
# where scikit-learn (with its bundled datasets) is importable. So every hidden case is
# generated, and from a generator seeded with 128 bits drawn from ``rng`` (a submission's
# seed): a small integer random_state could be found by trying them all. The visible cases
# are public worked examples (this file is in the course's repository), so they may use
# fixed seeds and bundled data.


def _random_state(rng):
    return np.random.RandomState(rng.integers(0, 2**32, size=4))


def macro_f1(truth, predicted):
    return f1_score(truth, predicted, average="macro")


def _split(X, y, seed, test_size=0.3):
    return train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)


def _learnable(reference, metric, threshold, make, margin=0.05):
    """A split from ``make()`` on which the reference pipeline clears ``threshold`` well.

    Random problems vary in difficulty; a draw that a sensible pipeline barely passes
    would fail fair solutions, so such a draw is replaced.
    """
    for _ in range(30):
        X_train, X_test, y_train, y_test = make()
        if metric(y_test, reference(X_train, y_train, X_test)) >= threshold + margin:
            return X_train, X_test, y_train, y_test
    raise RuntimeError("no draw was learnable enough")


def cases(rng, reference):
    """Each case keeps its held-out labels here and scores the learner's predictions."""
    X, y = make_classification(
        n_samples=600,
        n_features=8,
        n_informative=5,
        n_clusters_per_class=1,
        flip_y=0.02,
        random_state=3,
    )
    X_train, X_test, y_train, y_test = _split(X, y, 3)
    yield Case(
        "synthetic balanced problem",
        args=(X_train, y_train, X_test),
        check=metric_at_least(f1_score, y_test, 0.80, label="F1"),
        visible=True,
        points=2,
        description="Predict a label (0 or 1) for each of the 180 held-out rows.",
    )

    cancer = load_breast_cancer()
    X_train, X_test, y_train, y_test = _split(cancer.data, cancer.target, 7)
    yield Case(
        "breast-cancer dataset",
        args=(X_train, y_train, X_test),
        check=metric_at_least(f1_score, y_test, 0.93, label="F1"),
        visible=True,
        points=2,
        description="Always predicting the majority class scores about 0.77 F1 here.",
    )

    def scaled():
        # Only the first four columns carry signal, and they are measured in tiny units;
        # the six noise columns are in units up to ten million times larger. Unscaled,
        # distances (kNN, RBF SVM) are all noise, and an L2-penalised logistic regression
        # cannot afford the huge weights the tiny columns need. Standardised, the signal
        # is plain to see; trees do not care about units either way.
        X, y = make_classification(
            n_samples=800,
            n_features=10,
            n_informative=4,
            n_redundant=0,
            n_clusters_per_class=1,
            flip_y=0.02,
            shuffle=False,
            random_state=_random_state(rng),
        )
        scales = np.concatenate([10.0 ** rng.uniform(-5, -3, 4), 10.0 ** rng.uniform(2, 4, 6)])
        X = X * scales + rng.normal(0.0, 5.0, size=10) * scales
        X = X[:, rng.permutation(10)]
        return _split(X, y, _random_state(rng))

    X_train, X_test, y_train, y_test = _learnable(reference, f1_score, 0.75, scaled)
    yield Case(
        "signal in the small-scale features",
        args=(X_train, y_train, X_test),
        check=metric_at_least(f1_score, y_test, 0.75, label="F1"),
        points=2,
        description="The informative features are in tiny units, the noise in huge ones.",
        hint=(
            "Your model scored near chance on a problem whose informative features are "
            "measured in much smaller units than its noise features. Unscaled, distances "
            "and penalised weights are dominated by the large-unit columns: put a "
            "StandardScaler in front of any model that is not a tree."
        ),
    )

    def shifted():
        # The test rows come from a later period in which the population has drifted
        # along the direction that decides the label, so more of them are positive. The
        # rule linking features to labels is unchanged, so a pipeline that transforms the
        # test rows with the training statistics still scores well; one that refits its
        # scaler on the test rows re-centres them and moves every one of them across the
        # boundary by the size of the drift.
        state = _random_state(rng)
        n_features = 6
        direction = rng.normal(size=n_features)
        direction /= np.linalg.norm(direction)
        units = 10.0 ** rng.uniform(-1.0, 2.0, size=n_features)
        offsets = rng.normal(0.0, 20.0, size=n_features)

        def draw(n_rows, drift):
            Z = state.normal(size=(n_rows, n_features)) + drift * direction
            y = (Z @ direction + 0.3 * state.normal(size=n_rows) > 0).astype(int)
            return Z * units + offsets, y

        X_train, y_train = draw(500, 0.0)
        X_test, y_test = draw(250, 1.4)
        return X_train, X_test, y_train, y_test

    # Most drifted rows are positive, so this case is scored with macro F1: predicting
    # "positive" for every row then scores below 0.5 instead of about 0.9.
    X_train, X_test, y_train, y_test = _learnable(reference, macro_f1, 0.70, shifted)
    yield Case(
        "test rows from a drifted population",
        args=(X_train, y_train, X_test),
        check=metric_at_least(macro_f1, y_test, 0.70, label="macro F1"),
        points=2,
        description="The held-out rows are shifted; transform them with the training statistics.",
        hint=(
            "The held-out rows come from a population that has drifted since training. "
            "If you fit a scaler (or anything else) on X_test, you erase that shift and "
            "your predictions move with it. Fit every step on X_train only and call "
            "predict on the raw X_test, so the pipeline reuses the training statistics."
        ),
    )

    def rare():
        X, y = make_classification(
            n_samples=1500,
            n_features=12,
            n_informative=5,
            weights=[0.88],
            flip_y=0.01,
            class_sep=1.2,
            n_clusters_per_class=1,
            random_state=_random_state(rng),
        )
        return _split(X, y, _random_state(rng))

    X_train, X_test, y_train, y_test = _learnable(reference, f1_score, 0.75, rare)
    yield Case(
        "rare positive class",
        args=(X_train, y_train, X_test),
        check=metric_at_least(f1_score, y_test, 0.75, label="F1"),
        points=1,
        description="About 12% positives: predicting the majority class scores an F1 of 0.",
    )

    def three_classes():
        X, y = make_classification(
            n_samples=240,
            n_features=13,
            n_informative=6,
            n_redundant=2,
            n_classes=3,
            n_clusters_per_class=1,
            class_sep=1.5,
            random_state=_random_state(rng),
        )
        scales = 10.0 ** rng.uniform(-2.0, 1.0, size=13)
        scales[rng.integers(13)] = 1e3  # one feature about a thousand times larger than most
        X = X * scales + rng.uniform(0.0, 20.0, size=13) * scales
        return _split(X, y, _random_state(rng), test_size=0.35)

    X_train, X_test, y_train, y_test = _learnable(reference, macro_f1, 0.80, three_classes)
    yield Case(
        "three classes on very different scales",
        args=(X_train, y_train, X_test),
        check=metric_at_least(macro_f1, y_test, 0.80, label="macro F1"),
        points=1,
        description="Three classes, and one feature is about a thousand times larger than most.",
    )
