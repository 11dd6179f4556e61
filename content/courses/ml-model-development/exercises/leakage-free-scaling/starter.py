import numpy as np


def scale_without_leakage(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Impute and standardise both splits using statistics of X_train only.

    1. Replace each missing value (NaN) with the median of its column in X_train.
    2. Standardise every column with the mean and population standard deviation of
       the imputed X_train (a constant training column is only centred).
    Return the tuple (X_train_transformed, X_test_transformed).

    You may use scikit-learn (SimpleImputer, StandardScaler, make_pipeline) or NumPy.
    """
    raise NotImplementedError("Replace this line with your implementation")
