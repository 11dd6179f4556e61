import numpy as np

from grader.cases import Case, approx, predicate

SEED = 20240804

CLOSE = approx(rtol=1e-9, atol=1e-12)


def _is_int8_of_shape(shape):
    def check(received):
        q = received["q"]
        return isinstance(q, np.ndarray) and q.dtype == np.int8 and q.shape == shape

    return check


def cases(rng, reference):
    """Visible cases show the formula; hidden ones cover shape, sign, zeros and outliers."""
    example = np.array([0.5, -1.27, 0.02, 0.9])
    yield Case(
        "the example from the prompt",
        args=(example,),
        expected=reference(example),
        check=CLOSE,
        visible=True,
        points=2,
        description="scale = 1.27 / 127 = 0.01, so the weights become 50, -127, 2 and 90.",
    )

    rounding = np.array([0.5, -2.0, 0.013, 1.7])
    yield Case(
        "weights that need rounding",
        args=(rounding,),
        expected=reference(rounding),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "scale = 2 / 127; each weight divided by the scale is rounded to the nearest "
            "integer, and dequantised = q * scale is close to, not equal to, the input."
        ),
        hint=(
            "Round w / scale to the nearest integer before converting; converting with astype "
            "alone truncates towards zero."
        ),
    )

    yield Case(
        "q has dtype int8",
        args=(rounding,),
        check=predicate(
            _is_int8_of_shape(rounding.shape),
            'out["q"] must be a NumPy array with dtype int8 and the same shape as the '
            "weights: clip first, then convert with .astype(np.int8).",
        ),
        visible=True,
        points=1,
        hint=(
            "Return q as an int8 array (astype(np.int8) after rounding and clipping); a "
            "wider integer type defeats the point of quantising."
        ),
    )

    matrix = rng.normal(0, 0.2, size=(6, 5))
    yield Case(
        "2-D weight matrix",
        args=(matrix,),
        expected=reference(matrix),
        check=CLOSE,
        points=2,
        description="Keep the matrix's shape and use one scale for the whole array.",
    )

    negative_peak = np.array([0.3, -0.9, 0.45, -0.05, 0.6])
    yield Case(
        "largest magnitude is negative",
        args=(negative_peak,),
        expected=reference(negative_peak),
        check=CLOSE,
        points=1,
        description="Use the largest absolute value; the most negative weight maps to -127.",
        hint=(
            "Take the scale from the largest absolute value, np.abs(w).max(), not from the "
            "largest value: the most extreme weight may be negative."
        ),
    )

    yield Case(
        "a single weight",
        args=(np.array([-0.37]),),
        expected=reference(np.array([-0.37])),
        check=CLOSE,
        points=1,
        description="A single weight is its own maximum, so it maps to exactly 127 or -127.",
    )

    zeros = np.zeros((3, 4))
    yield Case(
        "all zeros",
        args=(zeros,),
        expected=reference(zeros),
        check=CLOSE,
        points=1,
        description="When every weight is zero, use scale 1.0 and return zeros, not nan.",
    )

    with_outlier = rng.normal(0, 0.05, size=500)
    with_outlier[137] = 4.0
    yield Case(
        "large array with an outlier",
        args=(with_outlier,),
        expected=reference(with_outlier),
        check=CLOSE,
        points=2,
        description="One large weight sets the scale; most others round to a few levels.",
    )
