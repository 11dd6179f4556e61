import numpy as np

from grader.cases import Case, approx

SEED = 20250303

CLOSE = approx(rtol=1e-6, atol=1e-9)


def cases(rng, reference):
    """Visible cases show one step and convergence; hidden ones test the exact update."""
    X_small = np.array([[1.0], [2.0], [3.0]])
    y_small = np.array([2.0, 3.0, 5.0])
    kwargs = {"learning_rate": 0.1, "n_iterations": 1}
    yield Case(
        "one step from zero",
        args=(X_small, y_small),
        kwargs=kwargs,
        expected=reference(X_small, y_small, **kwargs),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "Start from zero weights and use the gradient (2 / n) * X_b.T @ (X_b @ w - y), "
            "with the intercept column of ones first."
        ),
        hint=(
            "One step depends on three things: the factor 2 / n in the gradient (not 1 / n), "
            "the column of ones placed before the features, and a single update per iteration "
            "computed from all rows at once. Do not rescale the features first."
        ),
    )

    kwargs = {"learning_rate": 0.05, "n_iterations": 5000}
    yield Case(
        "converges to the least squares line",
        args=(X_small, y_small),
        kwargs=kwargs,
        expected=reference(X_small, y_small, **kwargs),
        check=CLOSE,
        visible=True,
        points=2,
        description="After many steps the weights approach the exact answer [1/3, 1.5].",
        hint=(
            "Make exactly n_iterations updates. Stopping once the steps look small leaves the "
            "weights short of the line by more than the tolerance allows."
        ),
    )

    X_two = np.array([[0.5, 1.0], [1.5, -1.0], [2.0, 0.0], [3.0, 2.0], [-1.0, 1.5]])
    y_two = np.array([3.0, 2.5, 4.0, 8.0, 1.0])
    kwargs = {"learning_rate": 0.02, "n_iterations": 50}
    yield Case(
        "two features, 50 steps",
        args=(X_two, y_two),
        kwargs=kwargs,
        expected=reference(X_two, y_two, **kwargs),
        check=CLOSE,
        visible=True,
        points=2,
        description="Return three numbers: the intercept, then the weight of each column.",
    )

    kwargs = {"learning_rate": 0.1, "n_iterations": 0}
    yield Case(
        "zero iterations",
        args=(X_two, y_two),
        kwargs=kwargs,
        expected=reference(X_two, y_two, **kwargs),
        check=CLOSE,
        points=1,
        description="With no updates the answer is the starting point: all-zero weights.",
        hint=(
            "With no iterations the loop never runs, so the answer is the starting point. A "
            "closed-form solve, or anything that ignores n_iterations, returns something else."
        ),
    )

    x_list = [float(v) for v in rng.uniform(-2, 2, size=12).round(2)]
    y_list = (4 - 1.5 * np.array(x_list) + rng.normal(0, 0.3, size=12)).tolist()
    kwargs = {"learning_rate": 0.05, "n_iterations": 200}
    yield Case(
        "single feature as a 1-D list",
        args=(x_list, y_list),
        kwargs=kwargs,
        expected=reference(x_list, y_list, **kwargs),
        check=CLOSE,
        points=2,
        description="A 1-D X is one feature: treat it as a single column.",
    )

    X_big = rng.normal(0, 1, size=(300, 5))
    true_w = rng.uniform(-3, 3, size=5)
    y_big = 2.5 + X_big @ true_w + rng.normal(0, 0.5, size=300)
    kwargs = {"learning_rate": 0.03, "n_iterations": 150}
    yield Case(
        "random data with five features, part way to convergence",
        args=(X_big, y_big),
        kwargs=kwargs,
        expected=reference(X_big, y_big, **kwargs),
        check=CLOSE,
        points=3,
        description="The weights are compared after a fixed number of full-batch steps.",
        hint=(
            "These weights are compared part way to convergence, not at the optimum, so the exact "
            "update rule matters: follow it step by step rather than solving least squares directly."
        ),
    )

    X_const = np.column_stack([rng.normal(0, 1, size=40), np.full(40, 2.0)])
    y_const = 1.0 + 3.0 * X_const[:, 0] + rng.normal(0, 0.2, size=40)
    kwargs = {"learning_rate": 0.02, "n_iterations": 400}
    yield Case(
        "a constant feature column",
        args=(X_const, y_const),
        kwargs=kwargs,
        expected=reference(X_const, y_const, **kwargs),
        check=CLOSE,
        points=2,
        description=(
            "A constant column is collinear with the intercept; gradient descent still "
            "gives finite weights, with no matrix inverse needed."
        ),
    )
