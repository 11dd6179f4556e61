# Wrong: ignores the budget. A full grid of both penalties and twenty values of C, with
# five-fold cross-validation and the saga solver, is several hundred fits, and saga's
# fits with a weak penalty take tens of seconds each on data this wide. The run is
# stopped at the time limit and gets no marks.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def tune(X_train, y_train, X_test, budget_seconds):
    pipe = make_pipeline(StandardScaler(), LogisticRegression(solver="saga", max_iter=5000))
    grid = {
        "logisticregression__l1_ratio": [0.0, 1.0],
        "logisticregression__C": np.logspace(-3, 2, 20),
    }
    search = GridSearchCV(pipe, grid, cv=5, scoring="roc_auc").fit(X_train, y_train)
    return search.decision_function(X_test)
