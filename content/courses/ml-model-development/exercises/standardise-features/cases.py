import numpy as np

from grader.cases import Case, approx

SEED = 20240701

CLOSE = approx(rtol=1e-6, atol=1e-9)


def cases(rng, reference):
    """Visible cases show the idea; hidden ones cover scale, dtype and constant columns."""
    small = np.array([[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [3.0, 30.0, 5.0]])
    yield Case(
        "three columns, one constant",
        args=(small,),
        expected=reference(small),
        check=CLOSE,
        visible=True,
        points=2,
        description="The constant last column must become zeros, not nan.",
        hint=(
            "The last column is constant, so its standard deviation is 0. If it came back "
            "as nan, replace zero deviations with 1 before dividing."
        ),
    )

    heights = np.array([[170.0, 65.0], [160.0, 55.0], [180.0, 85.0], [175.0, 75.0]])
    yield Case(
        "heights and weights",
        args=(heights,),
        expected=reference(heights),
        check=CLOSE,
        visible=True,
        points=2,
        description="Use the population standard deviation (ddof=0) of each column.",
        hint=(
            "If every value is a little smaller than expected, you used the sample standard "
            "deviation (ddof=1, the default of pandas and statistics.stdev). Use NumPy's "
            "default, ddof=0."
        ),
    )

    scales = np.array([1.0, 1e3, 1e-3, 50.0, 7.0])
    offsets = np.array([0.0, -5e4, 2.0, 1e3, -3.0])
    mixed = rng.normal(size=(250, 5)) * scales + offsets
    yield Case(
        "random matrix with mixed scales",
        args=(mixed,),
        expected=reference(mixed),
        check=CLOSE,
        description="Every column is standardised with its own mean and standard deviation.",
    )

    tall = rng.normal(3.0, 2.0, size=(40, 40))
    yield Case(
        "square matrix",
        args=(tall,),
        expected=reference(tall),
        check=CLOSE,
        description="A square matrix exposes statistics taken along rows instead of columns.",
    )

    counts = rng.integers(0, 100, size=(30, 4))
    yield Case(
        "integer input",
        args=(counts,),
        expected=reference(counts),
        check=CLOSE,
        description="Integer input must still give a float result.",
        hint=(
            "Compute in floats: np.asarray(X, dtype=float) converts integer input. Storing "
            "results in an integer array (X itself, or np.empty_like(X)) drops the "
            "decimals, and X -= mean refuses to run at all."
        ),
    )

    with_constants = rng.normal(size=(60, 6))
    with_constants[:, 0] = 3.0
    with_constants[:, 4] = -2.5
    yield Case(
        "constant columns among varying ones",
        args=(with_constants,),
        expected=reference(with_constants),
        check=CLOSE,
        points=2,
        description="Constant columns become zeros while the others are standardised.",
    )

    one_row = np.array([[4.0, -1.0, 0.0, 12.5]])
    yield Case(
        "a single row",
        args=(one_row,),
        expected=reference(one_row),
        check=CLOSE,
        description="With one sample every column is constant, so the answer is all zeros.",
    )
