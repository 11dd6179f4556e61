# Wrong: hard-codes the column names of the example instead of using the categorical and
# numeric arguments, so it raises a KeyError when a case renames the numeric columns.
# Caught by "numeric columns in small units with other names".
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def fit_predict(train, y_train, test, categorical, numeric):
    preprocess = ColumnTransformer(
        [
            ("categories", OneHotEncoder(handle_unknown="ignore"), ["region", "plan"]),
            ("numbers", StandardScaler(), ["tenure_months", "monthly_spend"]),
        ]
    )
    model = Pipeline(
        [("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))]
    )
    model.fit(train, y_train)
    return model.predict(test)
