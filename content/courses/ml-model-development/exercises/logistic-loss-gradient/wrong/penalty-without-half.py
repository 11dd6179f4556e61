# Wrong: the penalty is alpha times the squared weights, not alpha / 2 times them, so the
# penalty and its gradient (2 * alpha * w) are twice what the prompt defines. "a penalty on
# two weights" and "zero gradient at scikit-learn's fitted weights" catch it.
import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    z = X_design @ weights
    p = 1 / (1 + np.exp(-z))
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + alpha * np.sum(weights[1:] ** 2)
    gradient = X_design.T @ (p - y) / n
    gradient[1:] += 2 * alpha * weights[1:]
    return float(loss), gradient
