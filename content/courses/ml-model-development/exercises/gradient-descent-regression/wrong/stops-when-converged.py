# Wrong: stops early once the weights change by less than 1e-4 in a step, which the prompt
# forbids. The answer is then only close to the converged one; "converges to the least
# squares line" catches it, because the weights are compared with a relative tolerance of 1e-6.
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
        step = learning_rate * (2 / n) * X_b.T @ (X_b @ w - y)
        w = w - step
        if np.max(np.abs(step)) < 1e-4:
            break
    return w
