import numpy as np

from grader.cases import Case, approx

SEED = 20240915

CLOSE = approx(rtol=1e-9, atol=1e-9)


def _overconfident(rng, n):
    """Probabilities pushed towards 0 and 1 compared with the true positive rates."""
    true_rate = rng.beta(2.0, 2.0, size=n)
    y_true = (rng.random(n) < true_rate).astype(int)
    logit = np.log(true_rate / (1.0 - true_rate))
    y_prob = 1.0 / (1.0 + np.exp(-2.2 * logit))
    return y_true, y_prob


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones cover bin edges, empty bins and scale."""
    args = ([1, 0, 0, 0, 1], [0.9, 0.8, 0.3, 0.2, 0.6])
    yield Case(
        "the example from the prompt",
        args=args,
        kwargs={"n_bins": 2},
        expected=reference(*args, n_bins=2),
        check=CLOSE,
        visible=True,
        points=2,
        description="Two bins: 0.4 x 0.25 + 0.6 x 0.1 = 0.16.",
        hint=(
            "Weight each bin's gap by its share of the predictions, n_b / N (here 2/5 and "
            "3/5): an unweighted average of the two gaps gives 0.175."
        ),
    )

    y = np.array([0, 0, 1, 0, 1, 1, 1, 0, 1, 1])
    p = np.array([0.05, 0.12, 0.18, 0.33, 0.41, 0.47, 0.66, 0.72, 0.88, 0.97])
    yield Case(
        "ten predictions, default ten bins",
        args=(y, p),
        expected=reference(y, p),
        check=CLOSE,
        visible=True,
        points=2,
        description=(
            "With the default n_bins=10 several bins are empty; skip them rather than "
            "averaging an empty bin (which gives nan)."
        ),
        hint=(
            "If you got nan, an empty bin was averaged: skip bins that hold no predictions, "
            "or work with per-bin sums, which are simply 0 for an empty bin."
        ),
    )

    edges_y = np.array([0, 1, 1, 1, 1, 0, 1, 1, 0, 0])
    edges_p = np.array([0.0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1.0, 1.0, 0.1])
    yield Case(
        "probabilities on bin edges",
        args=(edges_y, edges_p),
        kwargs={"n_bins": 4},
        expected=reference(edges_y, edges_p, n_bins=4),
        check=CLOSE,
        points=3,
        description=(
            "A probability on an edge belongs to the bin above it, and 1.0 belongs to the "
            "last bin: use min(floor(p * n_bins), n_bins - 1)."
        ),
        hint=(
            "With four bins, 0.25 goes in bin 1 and 0.5 in bin 2, not the bins below them; "
            "np.digitize(..., right=True) and comparisons such as p <= edge put them there."
        ),
    )

    y_one = rng.integers(0, 2, size=50)
    p_one = np.round(rng.uniform(0.05, 0.95, size=50), 3)
    yield Case(
        "a single bin",
        args=(y_one, p_one),
        kwargs={"n_bins": 1},
        expected=reference(y_one, p_one, n_bins=1),
        check=CLOSE,
        points=2,
        description="With one bin, ECE is |mean(y_true) - mean(y_prob)|.",
    )

    y_cal = [0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1]
    p_cal = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75, 0.5, 0.5, 0.5, 0.5]
    yield Case(
        "perfectly calibrated predictions",
        args=(y_cal, p_cal),
        expected=reference(y_cal, p_cal),
        check=CLOSE,
        points=2,
        description="Every bin's observed rate equals its mean probability, so ECE is 0.",
    )

    y_mid = rng.integers(0, 2, size=200)
    p_mid = rng.uniform(0.42, 0.58, size=200)
    yield Case(
        "forty bins, most of them empty",
        args=(y_mid, p_mid),
        kwargs={"n_bins": 40},
        expected=reference(y_mid, p_mid, n_bins=40),
        check=CLOSE,
        points=2,
        description="Only non-empty bins contribute, and none may turn the result into nan.",
    )

    y_big, p_big = _overconfident(rng, 5000)
    yield Case(
        "5,000 over-confident predictions, ten bins",
        args=(y_big, p_big),
        expected=reference(y_big, p_big),
        check=CLOSE,
        points=2,
        description="Weight each bin's gap by its share of all predictions.",
        hint=(
            "Weight each bin's gap by its share of all predictions, and take the absolute "
            "value of each gap before adding, so that bins cannot cancel."
        ),
    )
    yield Case(
        "5,000 over-confident predictions, fifteen bins",
        args=(y_big, p_big),
        kwargs={"n_bins": 15},
        expected=reference(y_big, p_big, n_bins=15),
        check=CLOSE,
        points=1,
        description="The bin width is 1 / n_bins; do not assume ten bins.",
    )
