import numpy as np


def logistic_loss_and_gradient(X, y, weights, alpha=0.0):
    """Return (loss, gradient) of L2-penalised logistic regression at `weights`.

    weights[0] is the intercept and is not penalised; weights[1:] belong to X's columns.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.asarray(weights, dtype=float)
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    scores = X_design @ weights

    # Each row's log loss, -[y log p + (1 - y) log(1 - p)], simplifies to log(1 + e^z) - y z.
    # np.logaddexp(0, z) computes log(1 + e^z) without overflow, so a confident wrong
    # prediction costs its true (large) amount instead of inf or a clipped value.
    data_loss = np.mean(np.logaddexp(0.0, scores) - y * scores)
    feature_weights = weights[1:]
    loss = data_loss + 0.5 * alpha * np.sum(feature_weights**2)

    probabilities = np.exp(-np.logaddexp(0.0, -scores))  # the sigmoid, safe for any score
    gradient = X_design.T @ (probabilities - y) / n
    gradient[1:] += alpha * feature_weights  # no penalty term for the intercept
    return float(loss), gradient
