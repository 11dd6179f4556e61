import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    """Log loss of logistic regression plus an L2 penalty, and its gradient.

    X has shape (n_samples, n_features); y holds 0s and 1s.
    weights has length n_features + 1: the intercept first, then one per column of X.
    loss = mean log loss + (alpha / 2) * sum of the squared feature weights
    (the intercept is not penalised).
    Return (loss as a float, gradient as an array shaped like weights).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    raise NotImplementedError("Replace this line with your implementation")
