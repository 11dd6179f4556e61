# Wrong: uses DummyRegressor(strategy="median") for regression, where the prompt's
# baseline predicts the training mean. Caught by "ridge against the mean on the diabetes
# data, R squared".
from sklearn.base import is_classifier
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

MODELS = {
    "logistic_regression": lambda: make_pipeline(
        StandardScaler(), LogisticRegression(max_iter=1000)
    ),
    "decision_tree": lambda: DecisionTreeClassifier(max_depth=3, random_state=0),
    "ridge": lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0)),
    "decision_tree_regressor": lambda: DecisionTreeRegressor(max_depth=3, random_state=0),
}


def compare_to_baseline(X, y, model_name, cv, scoring):
    model = MODELS[model_name]()
    if is_classifier(model):
        baseline = DummyClassifier(strategy="most_frequent")
    else:
        baseline = DummyRegressor(strategy="median")
    b = cross_val_score(baseline, X, y, cv=cv, scoring=scoring).mean()
    m = cross_val_score(model, X, y, cv=cv, scoring=scoring).mean()
    return {"baseline": float(b), "model": float(m), "lift": float(m - b)}
