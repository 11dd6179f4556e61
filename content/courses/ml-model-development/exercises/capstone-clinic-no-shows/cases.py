import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, roc_auc_score

from grader.cases import Case, metric_at_least, metric_at_most, predicate

SEED = 20261205

# A clinic's appointments. The labels are drawn from a known risk rule (`_log_odds`), so
# every threshold below is set against what that rule itself achieves on the same rows,
# not against a number a lucky draw could move. The traps a real extract has are all
# here: missing and impossible ages, a distance column with a 9999 sentinel, booking
# channels typed in several ways, a reminder flag that is "yes", "no" or blank, an
# appointment type the training months never saw, an imbalanced label, a group column
# for the fairness check, and a column recorded on the day of the appointment.
TYPES = {"gp": 0.0, "dental": 0.25, "physio": 0.35, "imaging": -0.3, "mental_health": 0.55}
NEW_TYPE = "vaccination"
CHANNELS = {"phone": 0.0, "online": 0.3, "app": 0.15, "walk_in": -0.6}
DAYS = {"Mon": 0.2, "Tue": 0.0, "Wed": 0.0, "Thu": 0.05, "Fri": 0.25, "Sat": 0.4}

AUC_GAP = 0.07  # ROC AUC floor: this far below the true rule's AUC
BRIER_EXCESS = 0.016  # Brier ceiling: this far above the true probabilities' Brier score
GROUP_GAP = 0.03  # mean predicted probability within each area vs the true mean
# A draw is redrawn unless the reference clears each bar by this much.
MARGINS = {"auc": 0.03, "brier": 0.005, "group": 0.01}


def _log_odds(frame, age, distance, area_b):
    lead = frame["lead_days"].to_numpy()
    history = (frame["previous_no_shows"] + 0.5) / (frame["previous_appointments"] + 2)
    reminder = frame["sms_reminder"].eq("yes").to_numpy()
    return (
        -4.1
        + 0.55 * np.log1p(lead)
        + 3.0 * (history.to_numpy() - 0.2)
        + 0.9 * ((age - 45) / 25) ** 2
        - 0.35 * (age - 45) / 25
        + 0.25 * np.log1p(distance)
        - 0.5 * reminder
        + 0.45 * area_b
        + frame["appointment_type"].map(TYPES).fillna(0.3).to_numpy()
        + frame["channel"].map(CHANNELS).to_numpy()
        + frame["weekday"].map(DAYS).to_numpy()
    )


def _appointments(rng, n, *, on_the_day, new_type_share=0.0):
    area_b = rng.random(n) < 0.35
    age = np.clip(rng.normal(44, 20, n), 0.5, 99).round()
    distance = rng.lognormal(np.log(4 + 4 * area_b), 0.8, n)
    previous = rng.poisson(4, n)
    types = rng.choice(list(TYPES), n, p=[0.4, 0.2, 0.15, 0.1, 0.15])
    if new_type_share:
        types = np.where(rng.random(n) < new_type_share, NEW_TYPE, types)
    frame = pd.DataFrame(
        {
            "appointment_id": rng.permutation(20 * n)[:n] + 500_000,
            "lead_days": rng.geometric(1 / 14, n) - 1,
            "age": age,
            "distance_km": distance.round(1),
            "previous_appointments": previous,
            "previous_no_shows": rng.binomial(previous, rng.beta(1.2, 6, n)),
            "appointment_type": types,
            "channel": rng.choice(list(CHANNELS), n, p=[0.4, 0.3, 0.2, 0.1]),
            "sms_reminder": np.where(rng.random(n) < 0.6, "yes", "no").astype(object),
            "weekday": rng.choice(list(DAYS), n, p=[0.2, 0.2, 0.2, 0.2, 0.15, 0.05]),
            "hour": rng.integers(8, 19, n),
            "area": np.where(area_b, "B", "A"),
        }
    )
    z = _log_odds(frame, age, distance, area_b)
    probability = 1 / (1 + np.exp(-z))
    no_show = (rng.random(n) < probability).astype(int)

    # What the extract does to the clean values, after the labels are drawn.
    messy_age = age.copy()
    messy_age[rng.random(n) < 0.08] = np.nan
    messy_age[rng.random(n) < 0.01] = rng.choice([0.0, 199.0, 999.0])
    frame["age"] = messy_age
    distance_out = frame["distance_km"].to_numpy().copy()
    distance_out[rng.random(n) < 0.01] = 9999.0  # "unknown" in the booking system
    frame["distance_km"] = distance_out
    spelling = {"phone": ["phone", "Phone", "PHONE"], "online": ["online", "Online", "web"]}
    frame["channel"] = [rng.choice(spelling[c]) if c in spelling else c for c in frame["channel"]]
    frame.loc[rng.random(n) < 0.1, "sms_reminder"] = None
    if on_the_day:  # minutes early at the desk: only people who came have one
        early = np.round(rng.normal(8, 6, n))
        frame["checkin_minutes_early"] = np.where(no_show == 1, np.nan, early)
    else:  # next week's appointments: nobody has checked in yet
        frame["checkin_minutes_early"] = np.nan
    return frame, no_show, probability


def _group_gap(area, true_probability):
    def gap(truth, received):
        received = np.asarray(received, dtype=float)
        return max(
            abs(received[area == g].mean() - true_probability[area == g].mean()) for g in "AB"
        )

    return gap


def _is_probabilities(n):
    def check(received):
        values = np.asarray(received, dtype=float)
        return values.shape == (n,) and bool(np.all((values >= 0) & (values <= 1)))

    return check


def _draw(rng, reference, n_train, n_test, new_type_share):
    for _ in range(20):
        train, y_train, _ = _appointments(rng, n_train, on_the_day=True)
        test, y_test, p_test = _appointments(
            rng, n_test, on_the_day=False, new_type_share=new_type_share
        )
        p = np.asarray(reference(train, pd.Series(y_train, name="no_show"), test), dtype=float)
        ideal_auc = roc_auc_score(y_test, p_test)
        ideal_brier = brier_score_loss(y_test, p_test)
        area = test["area"].to_numpy()
        if (
            roc_auc_score(y_test, p) >= ideal_auc - AUC_GAP + MARGINS["auc"]
            and brier_score_loss(y_test, p) <= ideal_brier + BRIER_EXCESS - MARGINS["brier"]
            and _group_gap(area, p_test)(None, p) <= GROUP_GAP - MARGINS["group"]
        ):
            break
    else:  # pragma: no cover - the reference clears the bars on almost every draw
        raise RuntimeError("no fair draw found")
    args = (train, pd.Series(y_train, name="no_show"), test)
    return args, y_test, p_test, area, ideal_auc, ideal_brier


def cases(rng, reference):
    args, y_test, _, _, ideal_auc, _ = _draw(rng, reference, 3000, 2000, 0.0)
    yield Case(
        "worked example: ROC AUC on next week's appointments",
        args=args,
        check=metric_at_least(roc_auc_score, y_test, ideal_auc - AUC_GAP, label="ROC AUC"),
        visible=True,
        points=2,
        description="The floor is 0.07 below the AUC of the rule the labels came from.",
        hint="Close to 0.5? A column in the training rows is only filled in on the day of "
        "the appointment; next week's rows cannot have it. Check each column against the "
        "data dictionary.",
    )

    args, y_test, p_test, area, ideal_auc, ideal_brier = _draw(rng, reference, 4000, 3000, 0.08)
    yield Case(
        "ranking: ROC AUC with a new appointment type",
        args=args,
        check=metric_at_least(roc_auc_score, y_test, ideal_auc - AUC_GAP, label="ROC AUC"),
        points=5,
        hint="Some appointments are of a type the training rows never had. Make the "
        "encoder ignore unknown categories, and return probabilities, not 0/1 labels: the "
        "ranking is what AUC measures.",
    )
    yield Case(
        "calibration: Brier score",
        args=args,
        check=metric_at_most(
            brier_score_loss, y_test, ideal_brier + BRIER_EXCESS, label="Brier score"
        ),
        points=5,
        hint="The probabilities are used as probabilities (to plan overbooking), so they "
        "must match the real no-show rate. Reweighting or resampling the classes to fight "
        "the imbalance inflates them; leave the class balance as it is.",
    )
    yield Case(
        "fairness: calibrated within each area",
        args=args,
        check=metric_at_most(
            _group_gap(area, p_test), y_test, GROUP_GAP, label="largest gap between areas"
        ),
        points=4,
        hint="In one of the two areas your average predicted no-show rate is off by more "
        "than 3 points. Check your calibration per area, and whether the model can see "
        "what differs between them.",
    )
    yield Case(
        "one probability per appointment",
        args=args,
        check=predicate(
            _is_probabilities(len(y_test)),
            "a 1-D array with one probability from 0 to 1 per test row, in order",
        ),
        points=4,
        hint="Return predict_proba's column for class 1 (a no-show), one value per row "
        "of test, in the same order, with no missing values.",
    )
