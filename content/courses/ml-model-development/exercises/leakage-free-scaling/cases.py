import numpy as np

from grader.cases import Case, approx

SEED = 20240705

CLOSE = approx(rtol=1e-6, atol=1e-9)


def _with_gaps(rng, X, share):
    X = np.array(X, dtype=float)
    X[rng.random(X.shape) < share] = np.nan
    return X


def cases(rng, reference):
    """Hidden cases give train and test different distributions, so any fit on test shows."""
    train = np.array([[1.0, 100.0], [2.0, 200.0], [3.0, 300.0], [4.0, 400.0]])
    test = np.array([[5.0, 250.0], [0.0, 1000.0]])
    yield Case(
        "no missing values",
        args=(train, test),
        expected=reference(train, test),
        check=CLOSE,
        visible=True,
        points=2,
        description="The test rows are scaled with the training mean and standard deviation.",
        hint=(
            "Learn the statistics from X_train alone, and use the population standard deviation "
            "(ddof=0), not the sample one."
        ),
    )

    train = np.array([[1.0, 10.0], [np.nan, 20.0], [3.0, np.nan], [10.0, 40.0]])
    test = np.array([[np.nan, 15.0], [2.0, np.nan], [4.0, 100.0]])
    yield Case(
        "missing values in both splits",
        args=(train, test),
        expected=reference(train, test),
        check=CLOSE,
        visible=True,
        points=2,
        description="Every gap, in train or test, is filled with the training median (3 and 20).",
        hint=(
            "Fill the gaps first, then compute the mean and standard deviation on the filled "
            "training columns: statistics of the observed values alone come out different."
        ),
    )

    train = _with_gaps(rng, rng.normal(0.0, 1.0, size=(200, 5)), 0.1)
    test = _with_gaps(rng, rng.normal(5.0, 3.0, size=(80, 5)), 0.1)
    yield Case(
        "test data from a shifted distribution",
        args=(train, test),
        expected=reference(train, test),
        check=CLOSE,
        points=2,
        description="Test rows must not be centred on their own mean: the shift must survive.",
        hint=(
            "Your statistics came from the test rows, alone or stacked with the training rows. Fit "
            "on X_train only, then apply the same transformation to X_test."
        ),
    )

    train = _with_gaps(rng, rng.lognormal(3.0, 1.0, size=(150, 3)), 0.3)
    test = _with_gaps(rng, rng.lognormal(3.0, 1.0, size=(150, 3)), 0.3)
    yield Case(
        "skewed columns with many gaps",
        args=(train, test),
        expected=reference(train, test),
        check=CLOSE,
        points=1,
        description="Impute with the training median (not the mean), before scaling.",
        hint=(
            "Fill the gaps with each column's training median. The imputer's default strategy is the "
            "mean, which a skewed column pulls upwards."
        ),
    )

    train = rng.normal(10.0, 2.0, size=(30, 3))
    one_row = np.array([[12.0, np.nan, 7.5]])
    yield Case(
        "a single test row",
        args=(train, one_row),
        expected=reference(train, one_row),
        check=CLOSE,
        points=1,
        description="A single row has no spread of its own: it can only use training statistics.",
    )

    train = rng.normal(0.0, 1.0, size=(50, 4))
    train[:, 2] = 5.0
    train[rng.random(50) < 0.2, 2] = np.nan
    test = rng.normal(0.0, 1.0, size=(20, 4))
    test[:, 2] = rng.choice([4.0, 5.0, 6.5], size=20)
    yield Case(
        "a constant training column",
        args=(train, test),
        expected=reference(train, test),
        check=CLOSE,
        points=2,
        description="A constant training column is centred but not divided by its zero spread.",
        hint=(
            "A constant training column has zero spread: divide it by 1 instead, so it is only "
            "centred and no value becomes nan or infinite."
        ),
    )
