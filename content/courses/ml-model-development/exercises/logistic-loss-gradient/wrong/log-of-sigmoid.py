# Wrong: the loss takes the logarithm of the sigmoid's output. For scores beyond about
# +-37 the probability rounds to exactly 0 or 1 and a confident mistake costs log(0),
# an infinite loss. "very confident scores" catches it.
import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    p = 1 / (1 + np.exp(-(X_design @ weights)))
    log_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    loss = log_loss + 0.5 * alpha * np.sum(weights[1:] ** 2)
    gradient = X_design.T @ (p - y) / n
    gradient[1:] += alpha * weights[1:]
    return float(loss), gradient
