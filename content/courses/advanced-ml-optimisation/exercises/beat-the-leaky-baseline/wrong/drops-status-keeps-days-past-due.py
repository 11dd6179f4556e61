# Wrong: removes the obvious leak (collections_status) but keeps days_past_due, which is
# also recorded after the outcome, and gives the model a branch code too. A boosted model
# splits on days_past_due first; on new applications it is always 0. Every case catches it.
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

NUMBERS = ["income", "loan_amount", "age", "employment_years", "existing_debt", "days_past_due"]


def fit_predict_proba(train, y_train, test):
    features = ColumnTransformer(
        [
            ("numbers", "passthrough", NUMBERS),
            (
                "categories",
                OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1),
                ["purpose", "branch_id"],
            ),
        ]
    )
    model = make_pipeline(features, HistGradientBoostingClassifier(random_state=0))
    return model.fit(train, y_train).predict_proba(test)[:, 1]
