import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    """Fit linear regression with an intercept by batch gradient descent.

    X has shape (n_samples, n_features), or is 1-D for a single feature.
    y has shape (n_samples,).
    Put a column of ones in front of X, start from zero weights, and make n_iterations
    updates  w <- w - learning_rate * (2 / n) * X_b.T @ (X_b @ w - y).
    Return the weights as a float array: the intercept first, then one per feature.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("Replace this line with your implementation")
