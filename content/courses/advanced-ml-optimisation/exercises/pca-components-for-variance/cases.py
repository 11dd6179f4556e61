import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from grader.cases import Case, exact

SEED = 20240822


def _factor_data(rng, n_samples, loadings, noise):
    """Columns driven by a few hidden factors, so a few components hold most variance."""
    loadings = np.asarray(loadings, dtype=float)
    factors = rng.normal(size=(n_samples, loadings.shape[0]))
    return factors @ loadings + rng.normal(scale=noise, size=(n_samples, loadings.shape[1]))


def _ratios(X):
    X = np.asarray(X, dtype=float)
    spread = X.std(axis=0)
    Z = (X - X.mean(axis=0)) / np.where(spread == 0, 1.0, spread)
    eigenvalues = np.clip(np.linalg.eigvalsh(np.cov(Z, rowvar=False)), 0.0, None)[::-1]
    return eigenvalues / eigenvalues.sum()


def _clear(rng, threshold, make, margin=1e-4):
    """A matrix from ``make()`` whose cumulative ratios keep clear of ``threshold``.

    A sum within rounding of the threshold could give different answers for two correct
    methods (PCA's SVD and an eigendecomposition), so such a draw is replaced.
    """
    for _ in range(50):
        X = make()
        if np.min(np.abs(np.cumsum(_ratios(X)) - threshold)) > margin:
            return X
    raise RuntimeError("no draw kept clear of the threshold")


def _short_of_one(rng):
    """Standardised data with redundant columns whose cumulative ratios stop below 1.0.

    Whether the running total at the rank lands on 1.0 exactly or a hair below depends on
    rounding; draws are repeated until it falls short with scikit-learn's PCA here. Another
    machine or BLAS may round differently, so the case after it tests the tolerance
    directly.
    """
    for _ in range(50):
        independent = int(rng.integers(3, 7))
        base = _factor_data(rng, 50, rng.normal(size=(independent, independent)), noise=0.3)
        picks = rng.integers(independent, size=int(rng.integers(1, 3)))
        copies = [base[:, int(i)] for i in picks]
        rescaled = rng.uniform(0.5, 3.0) * base[:, int(rng.integers(independent))] + 5.0
        X = np.column_stack([base, *copies, rescaled])
        X = X[:, rng.permutation(X.shape[1])]
        ratios = PCA().fit(StandardScaler().fit_transform(X)).explained_variance_ratio_
        if np.cumsum(ratios)[independent - 1] < 1.0:
            return X
    raise RuntimeError("no draw fell short of 1.0")


def cases(rng, reference):
    def case(name, X, threshold, **extra):
        return Case(
            name,
            args=(X, threshold),
            expected=reference(X, threshold),
            check=exact(),
            **extra,
        )

    # Height and arm span move together; shoe size follows them loosely.
    small = np.array(
        [
            [150.0, 152.0, 37.0],
            [160.0, 161.0, 40.0],
            [165.0, 167.0, 38.0],
            [172.0, 171.0, 43.0],
            [180.0, 182.0, 41.0],
            [188.0, 187.0, 45.0],
        ]
    )
    yield case(
        "three body measurements, 95% of variance",
        small,
        0.95,
        visible=True,
        points=2,
        description="Standardise, fit PCA, take the cumulative explained variance ratio and "
        "return the first count that reaches the threshold (a count, so at least 1).",
        hint="Return a number of components, counted from 1, not the 0-based position of "
        "the first running total that reaches the threshold.",
    )

    ages = np.array([23.0, 35.0, 47.0, 52.0, 61.0, 29.0, 44.0, 38.0])
    incomes = np.array([21e3, 48e3, 39e3, 75e3, 52e3, 30e3, 88e3, 41e3])
    visits = np.array([12.0, 3.0, 7.0, 1.0, 9.0, 14.0, 2.0, 6.0])
    mixed_units = np.column_stack([ages, incomes, visits])
    yield case(
        "columns in very different units",
        mixed_units,
        0.8,
        visible=True,
        points=2,
        description="Income is in pounds and dwarfs the other columns. Without "
        "standardising, one component seems to explain everything; the answer here is 2.",
        hint="Standardise every column before the decomposition; otherwise the column "
        "with the largest units holds nearly all the variance.",
    )

    # Hidden cases draw their sizes, factor counts and thresholds from rng, so their
    # answers differ from one submission to the next, not only their numbers.
    factors = int(rng.integers(2, 7))
    columns = int(rng.integers(factors + 5, 15))
    threshold = float(rng.choice([0.8, 0.9, 0.95]))
    latent = _clear(
        rng,
        threshold,
        lambda: (
            _factor_data(
                rng,
                int(rng.integers(200, 401)),
                rng.normal(size=(factors, columns)) * rng.uniform(0.5, 2.0, size=columns),
                noise=0.6,
            )
            * rng.choice([1e-3, 1.0, 1e3], size=columns)
        ),  # arbitrary units per column
    )
    yield case(
        "a few hundred samples driven by a few hidden factors, columns in arbitrary units",
        latent,
        threshold,
        points=2,
        description="A larger random matrix whose columns use different units.",
        hint="Standardise every column to mean 0 and standard deviation 1 before finding "
        "the components; raw units decide the answer otherwise.",
    )

    threshold = float(rng.choice([0.7, 0.8, 0.9]))
    columns = int(rng.integers(5, 9))

    def constant_column():
        X = _factor_data(rng, 80, rng.normal(size=(int(rng.integers(1, 4)), columns)), 0.5)
        X[:, int(rng.integers(columns))] = 7.5
        return X

    yield case(
        "a constant column",
        _clear(rng, threshold, constant_column),
        threshold,
        description="A column that never changes must become zeros after standardising, "
        "not nan; it adds no variance.",
        hint="A constant column has a standard deviation of 0, and dividing by it gives nan. "
        "Divide by 1 instead for such a column (StandardScaler does this for you).",
    )

    duplicated = _short_of_one(rng)
    yield case(
        "all of the variance, with redundant columns",
        duplicated,
        1.0,
        description="With threshold 1.0 the answer is the rank of the standardised data: "
        "here some columns copy others. Compare with a small tolerance, because a "
        "cumulative sum may stop just short of 1.0.",
        hint="At the rank of the data your cumulative sum can be 0.9999999999999998 rather "
        "than 1.0. Treat a sum within 1e-9 below the threshold as reaching it.",
    )

    # A threshold placed a hair (5e-10) above one of the cumulative sums: within the
    # tolerance the prompt states, whatever method computed the ratios.
    near = _clear(rng, 0.5, lambda: _factor_data(rng, 120, rng.normal(size=(4, 8)), 0.7))
    position = int(rng.integers(1, 5))
    hair = float(np.cumsum(_ratios(near))[position - 1]) + 5e-10
    yield case(
        "a threshold a hair above a cumulative sum",
        near,
        hair,
        description="The threshold sits less than 1e-9 above one of the running totals, so "
        "that total counts as reaching it.",
        hint="Compare the running totals with threshold - 1e-9, not with the threshold "
        "itself: the prompt treats a sum within 1e-9 below the threshold as reaching it.",
    )

    rows = int(rng.integers(8, 15))
    width = int(rng.integers(20, 36))
    wide = pd.DataFrame(
        _clear(
            rng,
            0.99,
            lambda: _factor_data(
                rng, rows, rng.normal(size=(int(rng.integers(2, 6)), width)), noise=0.2
            ),
        ),
        columns=[f"sensor_{i:02d}" for i in range(width)],
    )
    yield case(
        "a DataFrame with more columns than rows",
        wide,
        0.99,
        description="A pandas DataFrame with more features than samples: there are at most "
        "as many components as samples.",
    )

    tiny = _factor_data(rng, 40, rng.normal(size=(2, 5)), noise=1.0)
    yield case(
        "a very small threshold",
        tiny,
        0.01,
        description="Even the first component alone explains more than 1%, so the answer is 1.",
    )
