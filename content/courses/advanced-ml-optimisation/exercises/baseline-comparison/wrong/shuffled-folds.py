# Wrong: builds its own shuffled folds instead of passing the integer cv through, so the
# scores are measured on different splits from the ones the prompt specifies. Caught by
# every case, first by "logistic regression against the majority class, accuracy".
from sklearn.base import is_classifier
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score
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
        folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=0)
    else:
        baseline = DummyRegressor(strategy="mean")
        folds = KFold(n_splits=cv, shuffle=True, random_state=0)
    b = cross_val_score(baseline, X, y, cv=folds, scoring=scoring).mean()
    m = cross_val_score(model, X, y, cv=folds, scoring=scoring).mean()
    return {"baseline": float(b), "model": float(m), "lift": float(m - b)}
