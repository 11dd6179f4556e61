# Wrong: a OneHotEncoder with its default handle_unknown="error" raises on the held-out
# region that training never saw. Caught by "held-out rows include a region never seen in
# training" (a visible case).
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def fit_predict(train, y_train, test, categorical, numeric):
    preprocess = ColumnTransformer(
        [
            ("categories", OneHotEncoder(), categorical),
            ("numbers", StandardScaler(), numeric),
        ]
    )
    model = Pipeline(
        [("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))]
    )
    model.fit(train, y_train)
    return model.predict(test)
