# Wrong: the data part of the gradient is X.T @ (y - p) / n, the gradient of the
# log-likelihood, which points uphill on the loss. The loss itself is right. "zero
# weights, no penalty" and "random data: the gradient" catch it.
import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    z = X_design @ weights
    p = 1 / (1 + np.exp(-z))
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * alpha * np.sum(weights[1:] ** 2)
    gradient = X_design.T @ (y - p) / n
    gradient[1:] += alpha * weights[1:]
    return float(loss), gradient
