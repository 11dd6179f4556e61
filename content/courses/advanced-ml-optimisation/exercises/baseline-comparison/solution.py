from sklearn.base import is_classifier
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def build_model(model_name: str):
    """The estimator each name stands for (the table in the prompt)."""
    models = {
        "logistic_regression": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
        "decision_tree": DecisionTreeClassifier(max_depth=3, random_state=0),
        "ridge": make_pipeline(StandardScaler(), Ridge(alpha=1.0)),
        "decision_tree_regressor": DecisionTreeRegressor(max_depth=3, random_state=0),
    }
    return models[model_name]


def compare_to_baseline(X, y, model_name: str, cv: int, scoring: str) -> dict:
    """Cross-validate a dummy baseline and the named model on the same folds."""
    model = build_model(model_name)
    if is_classifier(model):
        baseline = DummyClassifier(strategy="most_frequent")
    else:
        baseline = DummyRegressor(strategy="mean")
    # The same integer cv gives both estimators identical folds.
    baseline_score = cross_val_score(baseline, X, y, cv=cv, scoring=scoring).mean()
    model_score = cross_val_score(model, X, y, cv=cv, scoring=scoring).mean()
    return {
        "baseline": float(baseline_score),
        "model": float(model_score),
        "lift": float(model_score - baseline_score),
    }
