# Wrong: fits the imputer and scaler on train and test stacked together, the classic
# preprocessing-before-the-split leak. "test data from a shifted distribution" catches it.
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def scale_without_leakage(X_train, X_test):
    preprocess = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    preprocess.fit(np.vstack([X_train, X_test]))
    return preprocess.transform(X_train), preprocess.transform(X_test)
