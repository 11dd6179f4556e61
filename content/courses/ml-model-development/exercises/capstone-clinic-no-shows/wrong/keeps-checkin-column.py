# Wrong: keeps checkin_minutes_early, imputing its gaps and flagging them. In the training
# rows a missing check-in time means "did not come", so the model learns that; next
# week's appointments all lack it, and every patient looks like a no-show. The ROC AUC,
# Brier and fairness cases catch it.
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = [
    "lead_days",
    "age",
    "distance_km",
    "previous_appointments",
    "previous_no_shows",
    "hour",
    "checkin_minutes_early",
]
CATEGORIES = ["appointment_type", "channel", "sms_reminder", "weekday", "area"]


def predict_no_show(train, y_train, test):
    features = ColumnTransformer(
        [
            (
                "numbers",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True), StandardScaler()
                ),
                NUMBERS,
            ),
            (
                "categories",
                make_pipeline(
                    SimpleImputer(strategy="constant", fill_value="unknown"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                CATEGORIES,
            ),
        ]
    )
    model = make_pipeline(features, LogisticRegression(max_iter=2000))
    return model.fit(train, y_train).predict_proba(test)[:, 1]
