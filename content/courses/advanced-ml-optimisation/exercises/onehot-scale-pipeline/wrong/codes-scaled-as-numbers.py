# Wrong: picks the columns by dtype instead of using the lists it was given: text columns
# are one-hot encoded, every number is scaled. Integer-coded categories are then treated as
# amounts (and an id column would be fed to the model too). Caught by "integer-coded
# categories".
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def fit_predict(train, y_train, test, categorical, numeric):
    train = train.drop(columns=[c for c in train.columns if c.endswith("_id")])
    preprocess = ColumnTransformer(
        [
            (
                "categories",
                OneHotEncoder(handle_unknown="ignore"),
                make_column_selector(dtype_include=object),
            ),
            ("numbers", StandardScaler(), make_column_selector(dtype_include="number")),
        ]
    )
    model = Pipeline(
        [("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))]
    )
    model.fit(train, y_train)
    return model.predict(test)
