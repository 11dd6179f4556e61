import numpy as np

from grader.cases import Case, approx

SEED = 5051  # the generator passed to cases() is np.random.default_rng(SEED)

# The expected value is a dict, which would otherwise be compared exactly; either F1 formula
# (2·TP / (2·TP + FP + FN) or 2PR / (P + R)) must pass, so compare the floats with a tolerance.
CLOSE = approx(rtol=1e-7, atol=1e-12)

# Hints name the mistake a failing case points to (see wrong/), never the case's data.
SWAP_HINT = (
    "If precision and recall look swapped, check how you count errors: a false positive is "
    "predicted 1 but really 0, and a false negative is predicted 0 but really 1."
)


def cases(rng, reference):
    y_true = np.array([1, 1, 0, 1, 0, 0, 1, 0])
    y_pred = np.array([1, 0, 0, 1, 1, 1, 1, 0])
    yield Case(
        "worked example: 3 true positives, 2 false positives, 1 false negative",
        args=(y_true, y_pred),
        expected=reference(y_true, y_pred),
        check=CLOSE,
        visible=True,
        points=2,
        description="Precision = 3/5, recall = 3/4 and F1 = 2·TP / (2·TP + FP + FN) = 6/9.",
        hint=SWAP_HINT,
    )

    y_true = [0, 1, 1, 0, 1]
    y_pred = [0, 0, 0, 0, 0]
    yield Case(
        "the model predicts no positives (Python lists)",
        args=(y_true, y_pred),
        expected=reference(y_true, y_pred),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "Nothing is flagged, so precision is 0/0: report 0.0, not nan and not an error. "
            "Recall is 0/3 = 0.0 and F1 is 0.0."
        ),
        hint=(
            "TP + FP is 0 here, and so is P + R if you compute F1 as 2PR / (P + R). Check "
            "each denominator before dividing: a ZeroDivisionError, or nan from NumPy, "
            "means a check is missing."
        ),
    )

    y_true = np.array([0, 0, 1, 1, 1, 0])
    yield Case(
        "perfect predictions",
        args=(y_true, y_true.copy()),
        expected=reference(y_true, y_true),
        check=CLOSE,
        visible=True,
        points=1,
        description="Every label is right, so all three scores are 1.0.",
    )

    y_true = np.zeros(6, dtype=int)
    y_pred = np.array([0, 1, 0, 1, 0, 0])
    yield Case(
        "no actual positives, some predicted",
        args=(y_true, y_pred),
        expected=reference(y_true, y_pred),
        check=CLOSE,
        points=2,
        description=(
            "With no real positives, recall is 0/0 and must be 0.0; precision is 0/2 = 0.0."
        ),
        hint=(
            "There are no real positives, so TP + FN is 0, and with no true positives P + R "
            "is 0 as well: recall and a 2PR / (P + R) F1 each need a zero check."
        ),
    )

    y_none = np.zeros(5, dtype=int)
    yield Case(
        "no positives anywhere",
        args=(y_none, y_none.copy()),
        expected=reference(y_none, y_none),
        check=CLOSE,
        points=2,
        description="Every denominator is zero, so every score must be 0.0 (not nan).",
        hint=(
            "Every denominator is zero here, including P + R if you compute F1 as "
            "2PR / (P + R). Check each one before dividing: NumPy gives nan, and plain "
            "Python raises ZeroDivisionError."
        ),
    )

    y_true = np.array([1, 0, 1, 0, 1, 1])
    yield Case(
        "every prediction wrong",
        args=(y_true, 1 - y_true),
        expected=reference(y_true, 1 - y_true),
        check=CLOSE,
        points=2,
        description="No true positives but plenty of errors: all three scores are 0.0.",
        hint=(
            "There are no true positives here, so P + R is 0 if you compute F1 as "
            "2PR / (P + R): check that denominator first, or use 2·TP / (2·TP + FP + FN) "
            "with its own zero check."
        ),
    )

    y_true = (rng.random(5000) < 0.12).astype(int)
    flip = rng.random(5000) < 0.2
    y_pred = np.where(flip, 1 - y_true, y_true)
    yield Case(
        "5,000 imbalanced labels",
        args=(y_true, y_pred),
        expected=reference(y_true, y_pred),
        check=approx(rtol=1e-9, atol=1e-12),
        points=2,
        description="About 12% positives with 20% of labels flipped; use vectorised counts.",
        hint=SWAP_HINT,
    )

    y_true = rng.integers(0, 2, size=40).tolist()
    y_pred = rng.integers(0, 2, size=40).tolist()
    yield Case(
        "random labels given as Python lists",
        args=(y_true, y_pred),
        expected=reference(y_true, y_pred),
        check=CLOSE,
        points=2,
        description="Inputs may be plain lists of 0s and 1s rather than arrays.",
        hint=(
            "A Python list compared with 1 gives one False, not a value per label: convert "
            "both inputs with np.asarray first. If precision and recall look swapped, a false "
            "positive is predicted 1 but really 0."
        ),
    )
