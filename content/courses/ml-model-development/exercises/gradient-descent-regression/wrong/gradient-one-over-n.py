# Wrong: uses the 1/n gradient of the half-MSE textbook loss instead of 2/n, so every step
# is half as long. "one step from zero" and every case with a fixed number of steps catch it.
import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    X_b = np.column_stack([np.ones(n), X])
    w = np.zeros(X_b.shape[1])
    for _ in range(n_iterations):
        w = w - learning_rate * (1 / n) * X_b.T @ (X_b @ w - y)
    return w
