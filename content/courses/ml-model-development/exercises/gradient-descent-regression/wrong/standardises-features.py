# Wrong: standardises the features before descending (a good habit elsewhere, but the prompt
# says not to), so the weights are on a different scale from the reference's.
# "one step from zero" catches it.
import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.asarray(y, dtype=float)
    spread = X.std(axis=0)
    spread[spread == 0] = 1.0
    X = (X - X.mean(axis=0)) / spread
    n = X.shape[0]
    X_b = np.column_stack([np.ones(n), X])
    w = np.zeros(X_b.shape[1])
    for _ in range(n_iterations):
        w = w - learning_rate * (2 / n) * X_b.T @ (X_b @ w - y)
    return w
