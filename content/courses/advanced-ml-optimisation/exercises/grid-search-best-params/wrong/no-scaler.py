# Wrong: searches the bare estimator, with no StandardScaler step, so k-nearest neighbours
# measures distances in raw units and the largest column decides everything. Caught by
# "features on very different scales".
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.tree import DecisionTreeClassifier

MODELS = {
    "logistic_regression": lambda: LogisticRegression(max_iter=1000),
    "k_neighbors": KNeighborsClassifier,
    "decision_tree": lambda: DecisionTreeClassifier(random_state=0),
    "ridge": Ridge,
}


def grid_search_best_params(X, y, model, param_grid, cv, scoring):
    pipeline = Pipeline([("model", MODELS[model]())])
    search = GridSearchCV(pipeline, param_grid, cv=cv, scoring=scoring, refit=False)
    search.fit(X, y)
    return dict(search.best_params_)
