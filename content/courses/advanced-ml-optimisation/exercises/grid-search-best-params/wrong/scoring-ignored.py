# Wrong: never passes scoring to GridSearchCV, so every classifier is ranked by plain
# accuracy (and ridge by R squared). On imbalanced classes the accuracy winner is not the
# balanced-accuracy winner. Caught by "decision tree with None in the grid, balanced
# accuracy".
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
    pipeline = Pipeline([("scale", StandardScaler()), ("model", MODELS[model]())])
    search = GridSearchCV(pipeline, param_grid, cv=cv, refit=False)
    search.fit(X, y)
    return dict(search.best_params_)
