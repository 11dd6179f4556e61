import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score

from grader.cases import Case, metric_at_least

SEED = 20240815

REGION_EFFECT = {"north": 1.6, "south": -1.4, "east": 0.3, "west": -0.5, "central": 0.9}
PLAN_EFFECT = {"basic": -0.9, "plus": 0.2, "premium": 1.1}
CATEGORICAL = ["region", "plan"]
NUMERIC = ["tenure_months", "monthly_spend"]


def _customers(rng, n):
    """Synthetic churn data in which the categorical and numeric columns both carry signal."""
    regions = np.array(list(REGION_EFFECT))
    plans = np.array(list(PLAN_EFFECT))
    region = rng.choice(regions, n)
    plan = rng.choice(plans, n)
    tenure = rng.gamma(2.0, 18.0, n)  # months
    spend = rng.lognormal(4.0, 0.5, n)  # pounds per month
    logit = (
        pd.Series(region).map(REGION_EFFECT).to_numpy()
        + pd.Series(plan).map(PLAN_EFFECT).to_numpy()
        - 0.9 * (tenure - 36.0) / 25.0
        + 0.8 * (np.log(spend) - 4.0) / 0.5
    )
    churned = (rng.random(n) < 1.0 / (1.0 + np.exp(-3.0 * logit))).astype(int)
    frame = pd.DataFrame(
        {
            "region": region,
            "plan": plan,
            "tenure_months": tenure.round(1),
            "monthly_spend": spend.round(2),
        }
    )
    return frame, churned


def _split(rng, n_train, n_test, unseen_region=0.0, unseen_plan=0.0):
    """Training and held-out data; a share of held-out rows get a category unseen in training.

    Those rows keep the labels they were generated with: a new region behaves like some
    region or other, but the model cannot know which, exactly as in production.
    """
    train, y_train = _customers(rng, n_train)
    test, y_test = _customers(rng, n_test)
    if unseen_region:
        test.loc[rng.random(n_test) < unseen_region, "region"] = "islands"
    if unseen_plan:
        test.loc[rng.random(n_test) < unseen_plan, "plan"] = "trial"
    return train, pd.Series(y_train, name="churned"), test, y_test


def _accuracy_case(name, train, y_train, test, y_test, threshold, categorical, numeric, **extra):
    return Case(
        name,
        args=(train, y_train, test, categorical, numeric),
        check=metric_at_least(accuracy_score, y_test, threshold, label="held-out accuracy"),
        **extra,
    )


def cases(rng, reference):
    train, y_train, test, y_test = _split(rng, 300, 150)
    yield _accuracy_case(
        "every held-out category was seen in training",
        train,
        y_train,
        test,
        y_test,
        0.8,
        CATEGORICAL,
        NUMERIC,
        visible=True,
        points=2,
        description="A one-hot encoder for region and plan plus scaled numbers should reach "
        "0.8; the numeric columns alone do not.",
    )

    train, y_train, test, y_test = _split(rng, 300, 150, unseen_region=0.15)
    yield _accuracy_case(
        "held-out rows include a region never seen in training",
        train,
        y_train,
        test,
        y_test,
        0.8,
        CATEGORICAL,
        NUMERIC,
        visible=True,
        points=2,
        description="Some held-out customers live in 'islands', which the training data "
        "never contains. OneHotEncoder raises an error on it unless you set "
        "handle_unknown='ignore'.",
        hint="Your pipeline failed on a category that training never saw. Tell the "
        "OneHotEncoder how to treat unknown values (handle_unknown) instead of raising.",
    )

    train, y_train, test, y_test = _split(rng, 2000, 1000, unseen_region=0.1, unseen_plan=0.1)
    yield _accuracy_case(
        "larger data with an unseen region and an unseen plan",
        train,
        y_train,
        test,
        y_test,
        0.82,
        CATEGORICAL,
        NUMERIC,
        points=2,
        description="Unknown values can appear in any categorical column, not only the first.",
    )

    train, y_train, test, y_test = _split(rng, 600, 300, unseen_plan=0.1)
    words = np.array(["stayed", "left"])
    yield _accuracy_case(
        "string labels",
        train,
        pd.Series(words[y_train.to_numpy()], name="status"),
        test,
        words[y_test],
        0.8,
        CATEGORICAL,
        NUMERIC,
        points=2,
        description="Labels may be strings; return predictions in the same label space as y_train.",
    )

    train, y_train, test, y_test = _split(rng, 600, 300, unseen_plan=0.1)
    # Codes in an order unrelated to risk: as one number, the region says almost nothing.
    region_codes = {"north": 1, "south": 2, "central": 3, "west": 4, "east": 5}
    plan_codes = {"premium": 1, "basic": 2, "plus": 3, "trial": 9}
    for frame in (train, test):
        frame["region"] = frame["region"].map(region_codes)
        frame["plan"] = frame["plan"].map(plan_codes)
    yield _accuracy_case(
        "integer-coded categories",
        train,
        y_train,
        test,
        y_test,
        0.8,
        CATEGORICAL,
        NUMERIC,
        points=1,
        description="Both categorical columns hold integer codes whose order means "
        "nothing; they still need one-hot encoding.",
        hint="Your model treats the coded categories as amounts. Route every column named "
        "in categorical through the one-hot encoder, whatever its dtype; scaling a code "
        "as a number keeps only a straight-line trend that these codes do not follow.",
    )

    train, y_train, test, y_test = _split(rng, 600, 300, unseen_region=0.1)
    # In the training rows, ids were handed out in label order (an artefact of how the
    # extract was built); in the held-out rows they are random. A model fed the id learns
    # the artefact and fails on new customers.
    ids = rng.permutation(np.arange(100_000, 100_000 + len(train) + len(test)))
    train.insert(
        0,
        "customer_id",
        np.sort(ids[: len(train)])[np.argsort(np.argsort(y_train, kind="stable"), kind="stable")],
    )
    test.insert(0, "customer_id", ids[len(train) :])
    yield _accuracy_case(
        "an identifier column to leave out",
        train,
        y_train,
        test,
        y_test,
        0.8,
        CATEGORICAL,
        NUMERIC,
        points=1,
        description="The frames hold an id column that is in neither list; it must not "
        "reach the model.",
        hint="Your predictions depend on a column that is in neither list. Build the "
        "ColumnTransformer from categorical and numeric only and leave remainder='drop', "
        "so an identifier never reaches the model.",
    )

    train, y_train, test, y_test = _split(rng, 600, 300, unseen_region=0.1)
    for frame in (train, test):
        frame["tenure_days"] = (frame.pop("tenure_months") * 30.4).round()
        frame["monthly_spend_pence"] = (frame.pop("monthly_spend") * 100).round()
    yield _accuracy_case(
        "numeric columns in small units with other names",
        train,
        y_train,
        test,
        y_test,
        0.8,
        CATEGORICAL,
        ["tenure_days", "monthly_spend_pence"],
        points=1,
        description="Use the column names you are given rather than fixed ones.",
        hint="Take the numeric column names from the numeric argument: the hidden cases "
        "rename the columns.",
    )
