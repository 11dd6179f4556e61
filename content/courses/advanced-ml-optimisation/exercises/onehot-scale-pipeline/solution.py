import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def fit_predict(
    train: pd.DataFrame,
    y_train: pd.Series,
    test: pd.DataFrame,
    categorical: list[str],
    numeric: list[str],
) -> np.ndarray:
    """Fit one-hot encoding, scaling and a classifier on `train`; predict labels for `test`."""
    preprocess = ColumnTransformer(
        [
            # An unseen category in `test` becomes all zeros instead of an error.
            ("categories", OneHotEncoder(handle_unknown="ignore"), categorical),
            ("numbers", StandardScaler(), numeric),
        ],
        remainder="drop",
    )
    model = Pipeline(
        [("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))]
    )
    model.fit(train, y_train)
    return model.predict(test)
