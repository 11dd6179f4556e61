# Wrong: "simplifies" a list of grids by merging it into one dict of value lists, so the
# search tries combinations the config never asked for (p with uniform weights) and the
# winner may carry keys from the wrong grid. Caught by "a grid given as a list of dicts".
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
    if isinstance(param_grid, list):
        merged = {}
        for grid in param_grid:
            for key, values in grid.items():
                merged.setdefault(key, [])
                merged[key] += [v for v in values if v not in merged[key]]
        param_grid = merged
    pipeline = Pipeline([("scale", StandardScaler()), ("model", MODELS[model]())])
    search = GridSearchCV(pipeline, param_grid, cv=cv, scoring=scoring, refit=False)
    search.fit(X, y)
    return dict(search.best_params_)
