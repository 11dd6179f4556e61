# Wrong: the L2 penalty covers every weight, the intercept included. Penalising the
# intercept pulls predictions towards a probability of 0.5 for no good reason. "a penalty
# on two weights" and "a large intercept under a strong penalty" catch it.
import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    z = X_design @ w
    p = 1 / (1 + np.exp(-z))
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * alpha * np.sum(w**2)
    gradient = X_design.T @ (p - y) / n + alpha * w
    return float(loss), gradient
