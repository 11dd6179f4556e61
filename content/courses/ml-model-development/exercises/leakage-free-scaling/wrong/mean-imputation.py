# Wrong: fills the gaps with the training mean instead of the median, the imputer's default
# strategy. "skewed columns with many gaps" catches it.
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def scale_without_leakage(X_train, X_test):
    preprocess = make_pipeline(SimpleImputer(), StandardScaler())
    return preprocess.fit_transform(X_train), preprocess.transform(X_test)
