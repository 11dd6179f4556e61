import numpy as np


def fit_and_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Fit a scikit-learn pipeline on the training data and predict labels for X_test.

    X_train: (n_train, n_features) floats; y_train: (n_train,) integer labels;
    X_test: (n_test, n_features) floats. Return an array of n_test predicted labels.

    This starting point is the "majority class" baseline: it predicts the most
    common training label for every row. Replace it with a real pipeline, for example
    a StandardScaler followed by a LogisticRegression.
    """
    labels, counts = np.unique(y_train, return_counts=True)
    return np.full(len(X_test), labels[np.argmax(counts)])
