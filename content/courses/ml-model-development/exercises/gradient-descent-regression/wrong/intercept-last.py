# Wrong: appends the column of ones after the features, so the intercept comes back last
# instead of first. "one step from zero" catches it, as does every case with features.
import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    X_b = np.column_stack([X, np.ones(n)])
    w = np.zeros(X_b.shape[1])
    for _ in range(n_iterations):
        w = w - learning_rate * (2 / n) * X_b.T @ (X_b @ w - y)
    return w
