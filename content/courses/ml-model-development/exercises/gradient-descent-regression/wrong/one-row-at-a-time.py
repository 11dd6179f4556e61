# Wrong: updates the weights after each row (stochastic gradient descent) instead of once
# per pass from the whole dataset, so the path differs from batch gradient descent.
# "one step from zero" catches it, as do all the cases compared after a fixed number of steps.
import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.asarray(y, dtype=float)
    X_b = np.column_stack([np.ones(X.shape[0]), X])
    w = np.zeros(X_b.shape[1])
    for _ in range(n_iterations):
        for x_i, y_i in zip(X_b, y, strict=True):
            w = w - learning_rate * 2 * x_i * (x_i @ w - y_i)
    return w
