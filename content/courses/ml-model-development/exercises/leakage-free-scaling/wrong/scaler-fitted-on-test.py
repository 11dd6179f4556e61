# Wrong: fits a second imputer and scaler on the test rows, so the test split is centred on
# its own statistics and the shift disappears. "test data from a shifted distribution" catches it.
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def scale_without_leakage(X_train, X_test):
    train_out = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()).fit_transform(
        X_train
    )
    test_out = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()).fit_transform(
        X_test
    )
    return train_out, test_out
