import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    """Return [intercept, w_1, ..., w_p] after n_iterations batch gradient steps on the MSE."""
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.asarray(y, dtype=float).ravel()
    n = X.shape[0]
    X_design = np.column_stack([np.ones(n), X])
    weights = np.zeros(X_design.shape[1])
    for _ in range(n_iterations):
        gradient = (2 / n) * X_design.T @ (X_design @ weights - y)
        weights = weights - learning_rate * gradient
    return weights
