# Wrong: reweights the classes to fight the imbalance, which inflates every probability;
# "calibrated probabilities (Brier score)" catches it.
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["log_amount", "policy_tenure_years", "prior_claims", "log_days", "vehicle_age"]
CATEGORICAL = ["channel", "witness"]


def _features(claims):
    """Clean the raw claims into model inputs (the same steps for history and new claims)."""
    out = pd.DataFrame(index=claims.index)
    # Logs tame the outlying amounts and the long tail of policy ages.
    out["log_amount"] = np.log(claims["amount"].astype(float))
    out["log_days"] = np.log1p(claims["days_since_policy_start"].astype(float) / 30.0)
    for column in ["policy_tenure_years", "prior_claims", "vehicle_age"]:
        out[column] = claims[column].astype(float)
    out["channel"] = claims["channel"].astype(str).str.strip().str.lower()
    out["witness"] = claims["witness"].fillna("unknown").astype(str)
    # Not used: claim_id (an identifier), age_band (audited, not a cause of fraud) and
    # referred_to_siu (set after an investigation, so always 0 for new claims).
    return out


def plan_investigations(train, test, review_cost, capacity):
    """Fraud probabilities for the new claims and a plan of which to investigate.

    Returns a DataFrame indexed like `test` with the columns p_fraud and investigate.
    """
    model = make_pipeline(
        ColumnTransformer(
            [
                (
                    "num",
                    make_pipeline(
                        SimpleImputer(strategy="median", add_indicator=True), StandardScaler()
                    ),
                    NUMERIC,
                ),
                ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
            ]
        ),
        # Fraud is rare, so balance the classes.
        LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced"),
    )
    model.fit(_features(train), train["is_fraud"])
    p_fraud = model.predict_proba(_features(test))[:, 1]

    # Investigating saves the claim's amount with probability p_fraud and costs review_cost.
    saving = p_fraud * test["amount"].to_numpy(dtype=float) - review_cost
    best_first = np.argsort(-saving, kind="stable")[:capacity]
    investigate = np.zeros(len(test), dtype=bool)
    investigate[best_first[saving[best_first] > 0]] = True
    return pd.DataFrame({"p_fraud": p_fraud, "investigate": investigate}, index=test.index)
