# Wrong: the log loss and its gradient are summed over the rows instead of averaged, so
# both grow with the number of rows. "zero weights, no penalty" catches it (the loss is
# 4 log 2 instead of log 2), and so do the random-data cases.
import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    X_design = np.column_stack([np.ones(len(X)), X])
    z = X_design @ weights
    p = 1 / (1 + np.exp(-z))
    loss = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * alpha * np.sum(weights[1:] ** 2)
    gradient = X_design.T @ (p - y)
    gradient[1:] += alpha * weights[1:]
    return float(loss), gradient
