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
        points=1,
        description="Constant columns become zeros while the others are standardised.",
    )

    # A column of one repeated decimal such as 0.1 is constant, yet its floating-point
    # standard deviation is about 1e-17, not 0. Redraw until it really is non-zero, so
    # that a test for std == 0 misses this column under every seed.
    while True:
        n_rows = int(rng.integers(20, 80))
        repeated = float(rng.choice([0.1, 0.3, 0.7, 1.1, 2.3]))
        decimals = rng.normal(10.0, 4.0, size=(n_rows, 4))
        column = int(rng.integers(0, 4))
        decimals[:, column] = repeated
        if decimals[:, column].std() != 0:
            break
    yield Case(
        "a constant column of repeated decimals",
        args=(decimals,),
        expected=reference(decimals),
        check=CLOSE,
        points=1,
        description="A column holding one repeated value such as 0.1 must become zeros.",
        hint=(
            "One column holds a single repeated decimal value. In floating point its "
            "standard deviation can come out as about 1e-17 rather than exactly 0, so a "
            "test for std == 0 misses it and the column turns into values near 1. Decide "
            "whether a column is constant from its values (largest equals smallest), not "
            "from the computed deviation."
        ),
    )

    one_row = np.array([[4.0, -1.0, 0.0, 12.5]])
    yield Case(
        "a single row",
        args=(one_row,),
        expected=reference(one_row),
        check=CLOSE,
        description="With one sample every column is constant, so the answer is all zeros.",
    )
