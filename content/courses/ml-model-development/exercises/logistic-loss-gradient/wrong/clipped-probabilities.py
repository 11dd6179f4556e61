# Wrong: the probabilities are clipped to [1e-15, 1 - 1e-15] before the logarithm, as a
# metric would do. That keeps the loss finite, but a row with a score of -500 and a label
# of 1 then costs about 34.5 instead of 500, so the loss is too small. "very confident
# scores" catches it.
import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    p = 1 / (1 + np.exp(-(X_design @ weights)))
    clipped = np.clip(p, 1e-15, 1 - 1e-15)
    log_loss = -np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))
    loss = log_loss + 0.5 * alpha * np.sum(weights[1:] ** 2)
    gradient = X_design.T @ (p - y) / n
    gradient[1:] += alpha * weights[1:]
    return float(loss), gradient
