from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

MODELS = {
    "logistic_regression": lambda: LogisticRegression(max_iter=1000),
    "k_neighbors": KNeighborsClassifier,
    "decision_tree": lambda: DecisionTreeClassifier(random_state=0),
    "ridge": Ridge,
}


def grid_search_best_params(X, y, model, param_grid, cv, scoring):
    """Tune a scaled pipeline with GridSearchCV and return its best hyperparameters.

    The pipeline is Pipeline([("scale", StandardScaler()), ("model", <model>)]), so grid
    keys look like "model__C". Returns search.best_params_ as a dict.
    """
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; expected one of {sorted(MODELS)}")
    pipeline = Pipeline([("scale", StandardScaler()), ("model", MODELS[model]())])
    # Only the chosen parameters are needed, so skip re-fitting the winner on all the data.
    search = GridSearchCV(pipeline, param_grid, cv=cv, scoring=scoring, refit=False)
    search.fit(X, y)
    return dict(search.best_params_)
