# Wrong: returns predict's 0/1 labels instead of probabilities. With a fifth of patients
# not coming, the model predicts "comes" for nearly everyone: the ranking is gone and
# the planning numbers are useless. The ROC AUC, Brier and fairness cases catch it.
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["lead_days", "age", "distance_km", "previous_appointments", "previous_no_shows", "hour"]
CATEGORIES = ["appointment_type", "channel", "sms_reminder", "weekday", "area"]


def predict_no_show(train, y_train, test):
    features = ColumnTransformer(
        [
            ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMBERS),
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
    return model.fit(train, y_train).predict(test)
