import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def scale_without_leakage(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Impute with training medians and standardise with training statistics."""
    preprocess = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    train_out = preprocess.fit_transform(X_train)
    # The test rows are only transformed: everything was learned from X_train.
    test_out = preprocess.transform(X_test)
    return train_out, test_out
