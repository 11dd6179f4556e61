import numpy as np
import pandas as pd

from grader.cases import Case, exact

SEED = 20240912


def _table(rows):
    return pd.DataFrame(rows, columns=["model", "complexity", "mean_score", "std_error"])


def cases(rng, reference):
    def case(name, table, greater_is_better=True, **extra):
        kwargs = {} if greater_is_better else {"greater_is_better": False}
        expected = reference(table, **kwargs)
        return Case(name, args=(table,), kwargs=kwargs, expected=expected, check=exact(), **extra)

    ladder = [
        ("logistic", 1, 0.861, 0.015),
        ("logistic_poly2", 2, 0.884, 0.014),
        ("random_forest", 3, 0.902, 0.020),
        ("gradient_boosting", 4, 0.897, 0.018),
    ]
    yield case(
        "a simpler model within one standard error",
        _table(ladder),
        visible=True,
        points=2,
        description="The best mean is 0.902 with a standard error of 0.020, so the cut-off "
        "is 0.882; logistic_poly2 (0.884) clears it and is simpler than the best.",
        hint=(
            "The cut-off is the best model's mean minus the best model's standard error; "
            "do not use each candidate's own standard error."
        ),
    )

    tight = [
        row if row[0] != "random_forest" else ("random_forest", 3, 0.902, 0.012) for row in ladder
    ]
    yield case(
        "the best model is also the simplest eligible one",
        _table(tight),
        visible=True,
        points=2,
        description="With a standard error of 0.012 the cut-off is 0.890; only "
        "random_forest and gradient_boosting clear it, and random_forest is simpler.",
    )

    shuffled = _table(
        [
            ("tree_depth_8", 8, 0.781, 0.010),
            ("tree_depth_2", 2, 0.742, 0.012),
            ("tree_depth_6", 6, 0.790, 0.011),
            ("tree_depth_4", 4, 0.783, 0.009),
            ("tree_depth_3", 3, 0.768, 0.010),
            ("tree_depth_5", 5, 0.788, 0.012),
        ]
    )
    yield case(
        "rows not sorted by complexity",
        shuffled,
        description="Use the complexity column, not the row order, to decide what is simplest.",
        hint=(
            "Pick the lowest complexity among the eligible models; do not rely on the order "
            "of the rows."
        ),
    )

    boundary = _table(
        [
            ("alpha_10", 1, 0.75, 0.0625),
            ("alpha_1", 2, 0.8125, 0.0625),
            ("alpha_0.1", 3, 0.875, 0.125),
        ]
    )
    yield case(
        "a candidate exactly on the cut-off",
        boundary,
        description="The best is 0.875 with standard error 0.125, so the cut-off is exactly "
        "0.75; a mean equal to the cut-off counts as within one standard error.",
        hint=(
            "A mean exactly on the cut-off counts as within one standard error: compare with "
            ">= (or <= for errors), not a strict inequality."
        ),
    )

    failed = _table(
        [
            ("naive_bayes", 1, np.nan, np.nan),
            ("logistic", 2, 0.910, 0.008),
            ("svm_linear", 3, 0.915, 0.007),
            ("svm_rbf", 4, 0.931, 0.006),
        ]
    )
    yield case(
        "a candidate that failed to fit",
        failed,
        description="A row with a missing mean score is ignored; it cannot be the best or "
        "the choice.",
    )

    rmse = _table(
        [
            ("mean_only", 0, 74.2, 2.1),
            ("ridge", 1, 55.3, 1.9),
            ("ridge_interactions", 2, 53.4, 1.7),
            ("random_forest", 3, 52.6, 1.5),
            ("boosting", 4, 51.9, 1.6),
        ]
    )
    yield case(
        "an error metric where lower is better",
        rmse,
        greater_is_better=False,
        description="With greater_is_better=False the best is the smallest mean and the "
        "cut-off is best + standard error; eligible models are at or below it.",
        hint=(
            "With greater_is_better=False the best model has the lowest mean, and the cut-off "
            "is that mean plus its standard error."
        ),
    )

    ties = _table(
        [
            ("knn_k50", 1, 0.801, 0.010),
            ("logistic_l1", 2, 0.845, 0.011),
            ("logistic_l2", 2, 0.848, 0.010),
            ("random_forest", 3, 0.851, 0.009),
        ]
    )
    yield case(
        "two eligible models equally simple",
        ties,
        description="Both logistic models have complexity 2 and clear the cut-off; take the "
        "one with the better mean score.",
    )

    n = 30
    complexity = rng.permutation(n) + 1
    mean = 0.70 + 0.15 * (1 - np.exp(-complexity / 8)) + rng.normal(0, 0.004, n)
    big = _table(
        {
            "model": [f"candidate_{i:02d}" for i in range(n)],
            "complexity": complexity,
            "mean_score": mean.round(4),
            "std_error": rng.uniform(0.004, 0.012, n).round(4),
        }
    )
    yield case(
        "thirty random candidates",
        big,
        description="A larger table in random order with noisy scores.",
    )
