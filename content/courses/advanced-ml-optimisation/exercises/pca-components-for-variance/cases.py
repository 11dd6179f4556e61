import numpy as np
import pandas as pd

from grader.cases import Case, exact

SEED = 20240822


def _factor_data(rng, n_samples, loadings, noise):
    """Columns driven by a few hidden factors, so a few components hold most variance."""
    loadings = np.asarray(loadings, dtype=float)
    factors = rng.normal(size=(n_samples, loadings.shape[0]))
    return factors @ loadings + rng.normal(scale=noise, size=(n_samples, loadings.shape[1]))


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
    )

    loadings = rng.normal(size=(3, 12)) * rng.uniform(0.5, 2.0, size=12)
    latent = _factor_data(rng, 300, loadings, noise=0.6)
    latent *= rng.choice([1e-3, 1.0, 1e3], size=12)  # arbitrary units per column
    yield case(
        "300 samples, 12 columns driven by 3 hidden factors, 95% of variance",
        latent,
        0.95,
        points=2,
        description="A larger random matrix whose columns use different units.",
    )

    with_constant = _factor_data(rng, 80, rng.normal(size=(2, 6)), noise=0.5)
    with_constant[:, 2] = 7.5
    yield case(
        "a constant column",
        with_constant,
        0.8,
        description="A column that never changes must become zeros after standardising, "
        "not nan; it adds no variance.",
    )

    base = _factor_data(rng, 50, rng.normal(size=(3, 4)), noise=0.3)
    duplicated = np.column_stack([base, base[:, 0], 2.0 * base[:, 1] + 5.0])
    yield case(
        "all of the variance, with two redundant columns",
        duplicated,
        1.0,
        description="With threshold 1.0 the answer is the rank of the standardised data: "
        "here two columns copy others. Compare with a small tolerance, because a "
        "cumulative sum may stop just short of 1.0.",
    )

    wide = pd.DataFrame(
        _factor_data(rng, 10, rng.normal(size=(4, 30)), noise=0.2),
        columns=[f"sensor_{i:02d}" for i in range(30)],
    )
    yield case(
        "a DataFrame with more columns than rows",
        wide,
        0.99,
        description="A pandas DataFrame of 10 samples and 30 features: there are at most "
        "10 components.",
    )

    tiny = _factor_data(rng, 40, rng.normal(size=(2, 5)), noise=1.0)
    yield case(
        "a very small threshold",
        tiny,
        0.01,
        description="Even the first component alone explains more than 1%, so the answer is 1.",
    )
