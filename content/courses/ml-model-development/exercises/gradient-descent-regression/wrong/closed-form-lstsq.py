# Wrong: skips the iterations and returns the exact least squares answer, which is where
# gradient descent ends up only after many steps. "one step from zero", "zero iterations"
# and the cases compared part way to convergence catch it.
import numpy as np


def gradient_descent(X, y, learning_rate=0.01, n_iterations=1000):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    y = np.asarray(y, dtype=float)
    X_b = np.column_stack([np.ones(X.shape[0]), X])
    weights, *_ = np.linalg.lstsq(X_b, y, rcond=None)
    return weights
