import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

# Known when the application arrives. Left out on purpose: application_id (a label, not
# a property of the applicant), branch_id (no signal, and a few loans per branch invite
# memorising), and collections_status and days_past_due, which are recorded after the
# outcome and are always "current" and 0 at the moment of decision.
MONEY = ["income", "loan_amount", "existing_debt"]
OTHER_NUMBERS = ["age", "employment_years"]
CATEGORIES = ["purpose"]


def fit_predict_proba(train: pd.DataFrame, y_train: pd.Series, test: pd.DataFrame):
    """Default probabilities for `test` from the columns available at decision time."""
    features = ColumnTransformer(
        [
            # Amounts in pounds are skewed; their logarithms are closer to linear in risk.
            ("money", make_pipeline(FunctionTransformer(np.log1p), StandardScaler()), MONEY),
            ("numbers", StandardScaler(), OTHER_NUMBERS),
            ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORIES),
        ],
        remainder="drop",
    )
    model = make_pipeline(features, LogisticRegression(max_iter=1000))
    model.fit(train, y_train)
    return model.predict_proba(test)[:, 1]
