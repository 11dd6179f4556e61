import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, make_classification
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from grader.cases import Case, predicate

SEED = 20240917
# A returned candidate passes when its mean CV score is this close to the grid's best.
TOLERANCE = 1e-9
# A drawn problem is redrawn until the mistake it targets loses by a clear margin.
ATTEMPTS = 40
MARGIN = 0.02

MODELS = {
    "logistic_regression": lambda: LogisticRegression(max_iter=1000),
    "k_neighbors": KNeighborsClassifier,
    "decision_tree": lambda: DecisionTreeClassifier(random_state=0),
    "ridge": Ridge,
}


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def _rows(rng, X, y, share=0.85):
    """A fresh random share of a bundled dataset's rows, so hidden inputs differ per seed."""
    keep = np.sort(rng.choice(len(X), size=int(share * len(X)), replace=False))
    return X[keep], y[keep]


def _search(X, y, model, param_grid, cv, scoring, scale=True):
    """The reference grid search (or a variant of it); returns its cv_results_."""
    steps = [("scale", StandardScaler())] if scale else []
    pipeline = Pipeline([*steps, ("model", MODELS[model]())])
    search = GridSearchCV(pipeline, param_grid, cv=cv, scoring=scoring, refit=False)
    search.fit(X, y)
    return search.cv_results_


def _same(a, b):
    """Equal parameter dicts, with each value of the same type (1 is not 1.0 or True)."""
    if not isinstance(b, dict) or set(a) != set(b):
        return False
    return all(type(a[k]) is type(b[k]) and a[k] == b[k] for k in a)


def _winner(results):
    return int(np.argmax(results["mean_test_score"]))


def _gap(results, params):
    """How far the candidate `params` falls below the best mean CV score of `results`."""
    scores = results["mean_test_score"]
    index = next(i for i, p in enumerate(results["params"]) if _same(p, params))
    return float(scores.max() - scores[index])


def _reaches_best(results):
    """A check: the returned dict is a candidate of the grid scoring within TOLERANCE of the best."""
    params, scores = list(results["params"]), np.asarray(results["mean_test_score"])
    best = float(scores.max())

    def check(received):
        for candidate, score in zip(params, scores, strict=True):
            if _same(candidate, received):
                return float(score) >= best - TOLERANCE
        return False

    return predicate(
        check,
        "a dict of the grid's parameters whose mean cross-validated score is the best in "
        "the grid (a tie with the best also counts)",
    )


def _case(name, X, y, model, param_grid, cv, scoring, points, description, **extra):
    results = _search(X, y, model, param_grid, cv, scoring)
    return Case(
        name,
        args=(X, y, model, param_grid, cv, scoring),
        check=_reaches_best(results),
        points=points,
        description=description,
        **extra,
    )


def _mixed_scales(rng):
    """kNN data whose columns differ by five orders of magnitude; unscaled search loses.

    The label is a checkerboard over a column measured in hundredths and one measured in
    fifties, and the column in thousands is noise. Scaled, small neighbourhoods follow the
    board; unscaled, distances only see the noise and the search picks a winner that is
    clearly worse once the columns are standardised.
    """
    grid = {"model__n_neighbors": [1, 3, 5, 9, 15, 25], "model__weights": ["uniform", "distance"]}
    for _ in range(ATTEMPTS):
        n = 240
        stripe, other = rng.uniform(0.0, 1.0, size=n), rng.uniform(0.0, 1.0, size=n)
        y = ((np.floor(4 * stripe) + np.floor(2 * other)) % 2 == 0).astype(int)
        X = np.column_stack([0.01 * stripe, 1000.0 * rng.normal(size=n), 50.0 * other])
        scaled = _search(X, y, "k_neighbors", grid, 5, "accuracy")
        raw = _search(X, y, "k_neighbors", grid, 5, "accuracy", scale=False)
        # Scaling must change the winner by more than the spread of the best's fold scores.
        fold_std = float(scaled["std_test_score"][_winner(scaled)])
        if _gap(scaled, raw["params"][_winner(raw)]) > fold_std:
            return X, y, grid
    raise RuntimeError("no draw where scaling changes the winner clearly")


def _imbalanced_tree(rng):
    """A tree grid where the accuracy winner loses clearly on balanced accuracy."""
    grid = {"model__max_depth": [None, 1, 2, 3, 5], "model__min_samples_leaf": [1, 5, 20]}
    for _ in range(ATTEMPTS):
        X, y = make_classification(
            n_samples=300,
            n_features=8,
            n_informative=4,
            weights=[0.9, 0.1],
            flip_y=0.02,
            random_state=_seed(rng),
        )
        balanced = _search(X, y, "decision_tree", grid, 3, "balanced_accuracy")
        by_accuracy = _search(X, y, "decision_tree", grid, 3, "accuracy")
        if _gap(balanced, by_accuracy["params"][_winner(by_accuracy)]) > MARGIN:
            return X, y, grid
    raise RuntimeError("no draw where the scorer changes the winner clearly")


def _repeated_sources(rng):
    """Rows in runs of near-copies of one source each, in source order.

    Unshuffled stratified folds keep most copies of a source together, so the search
    measures generalisation to new sources. Shuffled folds spread the copies, and 1-NN
    then looks nearly perfect because it finds the same source's copy in the training part.
    """
    grid = {"model__n_neighbors": [1, 3, 7, 15, 31]}
    for _ in range(ATTEMPTS):
        n_sources, copies = int(rng.integers(70, 90)), 3
        centres = rng.normal(size=(n_sources, 3))
        direction = rng.normal(size=3)
        signal = centres @ (direction / np.linalg.norm(direction))
        labels = (signal + rng.normal(0.0, 1.0, size=n_sources) > 0).astype(int)
        X = np.repeat(centres, copies, axis=0) + rng.normal(0.0, 0.05, (n_sources * copies, 3))
        y = np.repeat(labels, copies)
        honest = _search(X, y, "k_neighbors", grid, 5, "accuracy")
        # Whatever shuffle a learner picks, the shuffled winner must lose clearly.
        clear = True
        for state in (0, 42):
            shuffled = _search(
                X,
                y,
                "k_neighbors",
                grid,
                StratifiedKFold(5, shuffle=True, random_state=state),
                "accuracy",
            )
            if _gap(honest, shuffled["params"][_winner(shuffled)]) <= MARGIN:
                clear = False
                break
        if clear:
            return X, y, grid
    raise RuntimeError("no draw where shuffled folds pick a clearly worse winner")


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones cover scaling, folds, grids and scorers.

    Every case accepts any candidate whose mean CV score reaches the best in the grid, so a
    learner is never marked down for a tie that GridSearchCV happens to break differently.
    """
    X, y = make_classification(
        n_samples=150, n_features=6, n_informative=3, flip_y=0.1, random_state=0
    )
    yield _case(
        "logistic regression, one hyperparameter",
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
        hint=(
            "Return search.best_params_ as a dict whose keys are the grid's keys, such as "
            "'model__C', and whose values are taken from the grid unchanged."
        ),
    )

    X_iris, y_iris = load_iris(return_X_y=True)
    yield _case(
        "k-nearest neighbours on iris, two hyperparameters",
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

    X_mixed, y_mixed, grid_mixed = _mixed_scales(rng)
    yield _case(
        "features on very different scales",
        X_mixed,
        y_mixed,
        "k_neighbors",
        grid_mixed,
        5,
        "accuracy",
        points=3,
        description=(
            "Distances are dominated by the largest column unless the features are scaled; "
            "the StandardScaler step must be inside the pipeline that GridSearchCV tunes."
        ),
        hint=(
            "Your winner scores clearly below the best once the features are standardised: "
            "check that the pipeline you search starts with a StandardScaler step."
        ),
    )

    X_imb, y_imb, grid_imb = _imbalanced_tree(rng)
    yield _case(
        "decision tree with None in the grid, balanced accuracy",
        X_imb,
        y_imb,
        "decision_tree",
        grid_imb,
        3,
        "balanced_accuracy",
        points=2,
        description=(
            "Use DecisionTreeClassifier(random_state=0), the given cv and the given scoring "
            "string; None is a valid value for max_depth."
        ),
        hint=(
            "Your winner is not the best by balanced accuracy. Pass the scoring argument to "
            "GridSearchCV: without it, classifiers are ranked by plain accuracy."
        ),
    )

    X_dup, y_dup, grid_dup = _repeated_sources(rng)
    yield _case(
        "several near-copies of each source, unshuffled folds",
        X_dup,
        y_dup,
        "k_neighbors",
        grid_dup,
        5,
        "accuracy",
        points=2,
        description=(
            "Consecutive rows are near-copies from one source; an integer cv keeps them in "
            "the same fold, so the search rewards models that generalise to new sources."
        ),
        hint=(
            "Pass cv to GridSearchCV as the integer you were given. Shuffled folds put copies "
            "of one source on both sides of a split, which flatters models that memorise."
        ),
    )

    X_diab, y_diab = _rows(rng, *load_diabetes(return_X_y=True))
    yield _case(
        "ridge regression, an error metric",
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
        hint=(
            "The answer must be one of the candidates GridSearchCV tries: pass the list of "
            "grids through unchanged rather than merging or rewriting it."
        ),
    )

    X_bc, y_bc = _rows(rng, *load_breast_cancer(return_X_y=True))
    yield _case(
        "logistic regression on breast cancer, ROC AUC",
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
