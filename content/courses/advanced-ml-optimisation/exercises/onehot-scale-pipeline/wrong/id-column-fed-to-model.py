# Wrong: treats every column that is not categorical as numeric, so an identifier column
# is scaled and fed to the model. In the training rows the ids happen to follow the label,
# the model leans on them, and it fails on new customers. Caught by "an identifier column
# to leave out".
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def fit_predict(train, y_train, test, categorical, numeric):
    numeric_like = [column for column in train.columns if column not in categorical]
    preprocess = ColumnTransformer(
        [
            ("categories", OneHotEncoder(handle_unknown="ignore"), categorical),
            ("numbers", StandardScaler(), numeric_like),
        ]
    )
    model = Pipeline(
        [("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))]
    )
    model.fit(train, y_train)
    return model.predict(test)
