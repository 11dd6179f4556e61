import numpy as np
from sklearn.datasets import load_breast_cancer, load_wine, make_classification
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from grader.cases import Case, metric_at_least

SEED = 20240703


def macro_f1(truth, predicted):
    return f1_score(truth, predicted, average="macro")


def _split(X, y, seed, test_size=0.3):
    return train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)


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

    X, y = make_classification(
        n_samples=800,
        n_features=10,
        n_informative=4,
        n_clusters_per_class=1,
        flip_y=0.02,
        random_state=11,
    )
    scales = np.array([1e4, 1e-3, 1.0, 500.0, 1e-2, 1.0, 2e3, 1.0, 1e-4, 50.0])
    offsets = rng.normal(0.0, 100.0, size=10)
    X_train, X_test, y_train, y_test = _split(X * scales + offsets, y, 11)
    yield Case(
        "features on very different scales",
        args=(X_train, y_train, X_test),
        check=metric_at_least(f1_score, y_test, 0.90, label="F1"),
        points=2,
        description="Distance-based models fail here unless the features are standardised.",
    )

    X, y = make_classification(
        n_samples=1500,
        n_features=12,
        n_informative=5,
        weights=[0.88],
        flip_y=0.01,
        class_sep=1.2,
        n_clusters_per_class=1,
        random_state=21,
    )
    X_train, X_test, y_train, y_test = _split(X, y, 21)
    yield Case(
        "rare positive class",
        args=(X_train, y_train, X_test),
        check=metric_at_least(f1_score, y_test, 0.75, label="F1"),
        points=2,
        description="About 12% positives: predicting the majority class scores an F1 of 0.",
    )

    wine = load_wine()
    X_train, X_test, y_train, y_test = _split(wine.data, wine.target, 4, test_size=0.35)
    yield Case(
        "three wine cultivars",
        args=(X_train, y_train, X_test),
        check=metric_at_least(macro_f1, y_test, 0.80, label="macro F1"),
        points=2,
        description="Three classes, and one feature is about a thousand times larger than most.",
    )
