import numpy as np
import pandas as pd
from sklearn.datasets import load_diabetes, make_classification

from grader.cases import Case, approx

SEED = 20240905

CLOSE = approx(rtol=1e-6, atol=1e-9)


def cases(rng, reference):
    def case(name, X, y, model_name, cv, scoring, **extra):
        args = (X, y, model_name, cv, scoring)
        return Case(name, args=args, expected=reference(*args), check=CLOSE, **extra)

    X, y = make_classification(
        n_samples=200, n_features=6, n_informative=3, class_sep=1.2, random_state=1
    )
    yield case(
        "logistic regression against the majority class, accuracy",
        X,
        y,
        "logistic_regression",
        5,
        "accuracy",
        visible=True,
        points=2,
        description="Score DummyClassifier(strategy='most_frequent') and the model with "
        "cross_val_score on the same cv and scoring, average each, then subtract.",
        hint=(
            "The baseline always predicts the most frequent class, and both scores come from "
            "cross_val_score with the integer cv you were given, unshuffled."
        ),
    )

    diabetes = load_diabetes(as_frame=True)
    yield case(
        "ridge against the mean on the diabetes data, R squared",
        diabetes.data,
        diabetes.target,
        "ridge",
        5,
        "r2",
        visible=True,
        points=2,
        description="A regressor needs DummyRegressor(strategy='mean') as its baseline. Its "
        "cross-validated R squared is slightly below zero, because each fold's mean "
        "differs a little from the training folds' mean.",
        hint=(
            "For a regression target the baseline predicts the training mean "
            "(DummyRegressor's default), not the median."
        ),
    )

    n = 240
    frame = pd.DataFrame(
        {
            "area_m2": rng.uniform(30, 160, n),
            "rooms": rng.integers(1, 7, n).astype(float),
            "age_years": rng.uniform(0, 90, n),
        }
    )
    price = (
        2.1 * frame["area_m2"]
        + 9.0 * frame["rooms"]
        - 0.6 * frame["age_years"]
        + rng.normal(0, 25, n)
    )
    yield case(
        "an error metric: negated mean absolute error",
        frame,
        pd.Series(price, name="price_k"),
        "ridge",
        4,
        "neg_mean_absolute_error",
        description="Both scores are negative; the lift is still model minus baseline, and "
        "positive means the model's error is smaller.",
    )

    X, y = make_classification(
        n_samples=500,
        n_features=8,
        n_informative=3,
        weights=[0.9],
        random_state=int(rng.integers(1_000)),
    )
    yield case(
        "imbalanced classes with a tree, ROC AUC",
        X,
        y,
        "decision_tree",
        5,
        "roc_auc",
        description="A constant baseline has an ROC AUC of exactly 0.5.",
    )

    X, y = make_classification(
        n_samples=300,
        n_features=5,
        n_informative=3,
        n_redundant=0,
        n_classes=3,
        n_clusters_per_class=1,
        random_state=int(rng.integers(1_000)),
    )
    yield case(
        "three classes, macro F1, three folds",
        X,
        y,
        "logistic_regression",
        3,
        "f1_macro",
        description="Pass cv and scoring through unchanged: here cv=3 and a multi-class metric.",
    )

    noise = rng.normal(size=(150, 10))
    target = rng.normal(50, 10, 150)
    yield case(
        "features that carry no signal: a negative lift",
        noise,
        target,
        "decision_tree_regressor",
        5,
        "r2",
        points=2,
        description="When the model is worse than predicting the mean, the lift is "
        "negative. Report it as it is.",
    )

    X, y = make_classification(
        n_samples=400,
        n_features=6,
        n_informative=4,
        weights=[0.85],
        class_sep=1.0,
        random_state=int(rng.integers(1_000)),
    )
    labels = np.where(y == 1, "fraud", "genuine")
    yield case(
        "string labels, balanced accuracy",
        X,
        labels,
        "logistic_regression",
        5,
        "balanced_accuracy",
        description="Class labels may be strings; a majority-class baseline scores 0.5 on "
        "balanced accuracy.",
    )
