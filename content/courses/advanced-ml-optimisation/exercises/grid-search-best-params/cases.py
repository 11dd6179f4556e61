import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, make_classification

from grader.cases import Case, exact

SEED = 20240917


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def _rows(rng, X, y, share=0.85):
    """A fresh random share of a bundled dataset's rows, so hidden inputs differ per seed."""
    keep = np.sort(rng.choice(len(X), size=int(share * len(X)), replace=False))
    return X[keep], y[keep]


def _case(name, reference, X, y, model, param_grid, cv, scoring, points, description, **extra):
    args = (X, y, model, param_grid, cv, scoring)
    return Case(
        name,
        args=args,
        expected=reference(*args),
        check=exact(),
        points=points,
        description=description,
        **extra,
    )


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones cover scaling, grids and scorers."""
    X, y = make_classification(
        n_samples=150, n_features=6, n_informative=3, flip_y=0.1, random_state=0
    )
    yield _case(
        "logistic regression, one hyperparameter",
        reference,
        X,
        y,
        "logistic_regression",
        {"model__C": [0.01, 0.1, 1.0, 10.0]},
        5,
        "accuracy",
        points=2,
        visible=True,
        description=(
            "Build Pipeline([('scale', StandardScaler()), ('model', "
            "LogisticRegression(max_iter=1000))]) and return GridSearchCV's best_params_."
        ),
    )

    X_iris, y_iris = load_iris(return_X_y=True)
    yield _case(
        "k-nearest neighbours on iris, two hyperparameters",
        reference,
        X_iris,
        y_iris,
        "k_neighbors",
        {"model__n_neighbors": [1, 5, 15, 30], "model__weights": ["uniform", "distance"]},
        5,
        "f1_macro",
        points=2,
        visible=True,
        description=(
            "The dict has one key per hyperparameter in the grid, with the winning values "
            "exactly as they appear in the grid."
        ),
    )

    X_mixed, y_mixed = make_classification(
        n_samples=240, n_features=5, n_informative=3, n_redundant=0, random_state=_seed(rng)
    )
    X_mixed = X_mixed * np.array([1.0, 1000.0, 0.01, 50.0, 1.0])
    yield _case(
        "features on very different scales",
        reference,
        X_mixed,
        y_mixed,
        "k_neighbors",
        {"model__n_neighbors": [1, 3, 5, 9, 15, 25], "model__weights": ["uniform", "distance"]},
        5,
        "accuracy",
        points=3,
        description=(
            "Distances are dominated by the largest column unless the features are scaled; "
            "the StandardScaler step must be inside the pipeline that GridSearchCV tunes."
        ),
    )

    X_imb, y_imb = make_classification(
        n_samples=300,
        n_features=8,
        n_informative=4,
        weights=[0.85, 0.15],
        flip_y=0.05,
        random_state=_seed(rng),
    )
    yield _case(
        "decision tree with None in the grid, balanced accuracy",
        reference,
        X_imb,
        y_imb,
        "decision_tree",
        {"model__max_depth": [None, 1, 2, 3, 5], "model__min_samples_leaf": [1, 5, 20]},
        3,
        "balanced_accuracy",
        points=2,
        description=(
            "Use DecisionTreeClassifier(random_state=0), the given cv and the given scoring "
            "string; None is a valid value for max_depth."
        ),
    )

    X_diab, y_diab = _rows(rng, *load_diabetes(return_X_y=True))
    yield _case(
        "ridge regression, an error metric",
        reference,
        X_diab,
        y_diab,
        "ridge",
        {"model__alpha": [0.01, 0.1, 1.0, 10.0, 100.0]},
        4,
        "neg_mean_absolute_error",
        points=2,
        description=(
            "Pass scoring straight to GridSearchCV: scikit-learn negates error metrics so "
            "that higher is always better."
        ),
    )

    X_list, y_list = make_classification(
        n_samples=200, n_features=6, n_informative=4, flip_y=0.08, random_state=_seed(rng)
    )
    yield _case(
        "a grid given as a list of dicts",
        reference,
        X_list,
        y_list,
        "k_neighbors",
        [
            {"model__n_neighbors": [3, 7, 11], "model__weights": ["uniform"]},
            {"model__n_neighbors": [5, 9], "model__weights": ["distance"], "model__p": [1, 2]},
        ],
        5,
        "accuracy",
        points=2,
        description=(
            "GridSearchCV accepts a list of grids; pass param_grid through unchanged. The "
            "winner's dict only has the keys of the grid it came from."
        ),
    )

    X_bc, y_bc = _rows(rng, *load_breast_cancer(return_X_y=True))
    yield _case(
        "logistic regression on breast cancer, ROC AUC",
        reference,
        X_bc,
        y_bc,
        "logistic_regression",
        {"model__C": [0.001, 0.01, 0.1, 1, 10], "model__class_weight": [None, "balanced"]},
        4,
        "roc_auc",
        points=3,
        description=(
            "Use LogisticRegression(max_iter=1000) and the cv and scoring you are given; do "
            "not pick the best parameters by hand."
        ),
    )
