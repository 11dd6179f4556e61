import numpy as np
import pandas as pd


def fit_predict(
    train: pd.DataFrame,
    y_train: pd.Series,
    test: pd.DataFrame,
    categorical: list[str],
    numeric: list[str],
) -> np.ndarray:
    """Fit a preprocessing-and-model pipeline on `train` and predict labels for `test`.

    train       -- DataFrame of training features (it may hold columns you should not use)
    y_train     -- Series of training labels, one per row of `train`
    test        -- DataFrame of held-out features with the same columns as `train`;
                   it may contain categories that never appear in `train`
    categorical -- names of the columns to one-hot encode
    numeric     -- names of the columns to standardise

    Return a 1-D array with one predicted label per row of `test`, in the same order.
    Useful imports: ColumnTransformer (sklearn.compose), OneHotEncoder and StandardScaler
    (sklearn.preprocessing), Pipeline or make_pipeline (sklearn.pipeline) and a classifier
    such as LogisticRegression (sklearn.linear_model). Fit on the training data only.
    """
    raise NotImplementedError("Replace this line with your implementation")
