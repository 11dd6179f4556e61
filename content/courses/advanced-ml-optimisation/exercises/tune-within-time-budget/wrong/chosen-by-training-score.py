# Wrong: searches C for an L1 model, but scores each candidate on the rows it was fitted
# on. A weaker penalty always fits the training rows better, so the search picks the
# largest C it tries, the model with the most noise in it, and spends most of the budget
# on the slowest fits. The "held-out AUC" cases catch it.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler


def tune(X_train, y_train, X_test, budget_seconds):
    scaler = StandardScaler().fit(X_train)
    X, X_new = scaler.transform(X_train), scaler.transform(X_test)
    best_model, best_score = None, -np.inf
    for C in np.logspace(-2, 0.5, 6):
        model = LogisticRegression(C=C, l1_ratio=1.0, solver="liblinear").fit(X, y_train)
        score = roc_auc_score(y_train, model.decision_function(X))
        if score > best_score:
            best_model, best_score = model, score
    return best_model.decision_function(X_new)
