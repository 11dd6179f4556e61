import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["log_lead_days", "age", "age_squared", "log_distance_km", "no_show_history", "hour"]
CATEGORIES = ["appointment_type", "channel", "sms_reminder", "weekday", "area"]


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn the extract's quirks into plain values; the same function for train and test."""
    out = pd.DataFrame(index=frame.index)
    # Ages of 0 or over 110 and the 9999 "unknown" distance are missing values in disguise.
    age = frame["age"].where(frame["age"].between(1, 110))
    distance = frame["distance_km"].where(frame["distance_km"] < 1000)
    # Risk is U-shaped in age (the young and the very old miss more), so give a linear
    # model the square too; waiting time and distance matter on a log scale.
    out["age"] = (age - 45) / 25
    out["age_squared"] = out["age"] ** 2
    out["log_lead_days"] = np.log1p(frame["lead_days"])
    out["log_distance_km"] = np.log1p(distance)
    # A patient's own record is the strongest signal; smooth it so a first visit is not 0/0.
    out["no_show_history"] = (frame["previous_no_shows"] + 0.5) / (
        frame["previous_appointments"] + 2
    )
    out["hour"] = frame["hour"]
    # "Phone", "PHONE" and "phone" are one channel; "web" is the old name for "online".
    out["channel"] = frame["channel"].str.strip().str.lower().replace({"web": "online"})
    out["sms_reminder"] = frame["sms_reminder"].fillna("unknown")
    for column in ["appointment_type", "weekday", "area"]:
        out[column] = frame[column]
    # Left out: appointment_id is a label, and checkin_minutes_early is recorded on the day
    # for patients who came, so next week's appointments cannot have it.
    return out


def predict_no_show(train: pd.DataFrame, y_train: pd.Series, test: pd.DataFrame) -> np.ndarray:
    """Probability of a no-show for each appointment in `test`."""
    features = ColumnTransformer(
        [
            (
                "numbers",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True), StandardScaler()
                ),
                NUMBERS,
            ),
            # A type the training months never saw is encoded as all zeros, not an error.
            ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORIES),
        ]
    )
    # No class weights: the probabilities must stay on the real scale of no-shows.
    model = make_pipeline(features, LogisticRegression(max_iter=2000))
    model.fit(clean(train), y_train)
    return model.predict_proba(clean(test))[:, 1]
