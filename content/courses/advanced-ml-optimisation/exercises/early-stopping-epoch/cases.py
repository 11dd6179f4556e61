import numpy as np

from grader.cases import Case, exact

SEED = 20240916


def _u_shaped_run(rng, n_epochs):
    """A validation curve that falls, flattens and rises, with epoch-to-epoch noise."""
    epochs = np.arange(n_epochs)
    trend = 0.35 + 0.9 * np.exp(-epochs / 25.0) + 0.0009 * epochs
    return np.round(trend + rng.normal(0.0, 0.008, size=n_epochs), 5)


def _near_miss_run(rng):
    """Losses where moving the best loss on a sub-min_delta gain hides a real improvement.

    After a few clear gains the loss dips by a fraction f1 of min_delta (not an improvement),
    then by f2 of min_delta below the best, with 1 < f2 < 1 + f1: an improvement on the kept
    best, but not on the dipped value. Then it rises until patience 2 runs out.
    """
    min_delta = float(rng.choice([0.005, 0.01, 0.02, 0.05]))
    n_clear = int(rng.integers(0, 4))
    start = float(rng.uniform(0.6, 1.6))
    drops = rng.uniform(3.0, 6.0, size=n_clear) * min_delta
    best = start - drops.sum()
    f1 = rng.uniform(0.35, 0.8)
    f2 = rng.uniform(1.1, 0.95 + f1)
    new_best = best - f2 * min_delta
    tail = new_best + rng.uniform(-0.6, 0.9, size=2) * min_delta
    losses = [start, *(start - np.cumsum(drops)), best - f1 * min_delta, new_best, *tail]
    return np.round(losses, 6).tolist(), min_delta


def cases(rng, reference):
    """Visible cases follow the prompt; hidden ones cover ties, min_delta and long runs."""
    losses = [0.900, 0.720, 0.650, 0.610, 0.605, 0.620, 0.630, 0.580]
    yield Case(
        "the example from the prompt, min_delta 0.01",
        args=(losses, 3),
        kwargs={"min_delta": 0.01},
        expected=reference(losses, 3, min_delta=0.01),
        check=exact(),
        visible=True,
        points=2,
        description=(
            "Epoch 4 improves by only 0.005, less than min_delta, so the counter reaches 3 "
            "after epoch 6 and epoch 3's weights are kept."
        ),
        hint=(
            "Follow the prompt's walk-through epoch by epoch: which epochs count as "
            "improvements with min_delta 0.01, and when does the counter reach 3?"
        ),
    )
    yield Case(
        "the example from the prompt, min_delta 0",
        args=(losses, 3),
        expected=reference(losses, 3),
        check=exact(),
        visible=True,
        points=2,
        description=(
            "With the default min_delta of 0, patience never runs out: training ends at the "
            "last epoch (7), which is also the best."
        ),
    )

    yield Case(
        "a single epoch",
        args=([0.7],),
        kwargs={"patience": 5},
        expected=reference([0.7], patience=5),
        check=exact(),
        points=2,
        description="With one epoch, it is both the best and the last epoch trained.",
    )

    falling = np.round(np.sort(rng.uniform(0.2, 1.5, size=25))[::-1], 4).tolist()
    yield Case(
        "a loss that only falls",
        args=(falling, 2),
        expected=reference(falling, 2),
        check=exact(),
        points=2,
        description="Every epoch improves, so training runs to the last epoch and keeps it.",
    )

    plateau = [0.8, 0.6, 0.5, 0.5, 0.5, 0.5, 0.49, 0.5]
    yield Case(
        "equal losses are not improvements",
        args=(plateau, 3),
        expected=reference(plateau, 3),
        check=exact(),
        points=2,
        description=(
            "A loss equal to the best one does not improve on it (the comparison is strict), "
            "so the counter keeps rising."
        ),
        hint=(
            "An epoch improves only when its loss is strictly below best_loss - min_delta; "
            "check whether your comparison lets an equal loss reset the counter."
        ),
    )

    bumpy = [1.0, 0.8, 0.85, 0.7, 0.6, 0.65, 0.5]
    yield Case(
        "patience 1",
        args=(bumpy, 1),
        expected=reference(bumpy, 1),
        check=exact(),
        points=2,
        description="With patience 1, the first epoch that does not improve ends training.",
        hint=(
            "Training stops after the epoch at which the counter reaches patience, not the "
            "epoch after it: compare the counter with patience using >=."
        ),
    )

    creeping = [0.9, 0.7, 0.695, 0.69, 0.686, 0.683, 0.681, 0.68, 0.679, 0.7]
    yield Case(
        "small gains ignored by min_delta",
        args=(creeping, 4),
        kwargs={"min_delta": 0.02},
        expected=reference(creeping, 4, min_delta=0.02),
        check=exact(),
        points=2,
        description=(
            "Falls of less than min_delta do not count and do not move the best loss, so the "
            "kept epoch is not the one with the lowest loss."
        ),
        hint=(
            "The kept epoch is the last one that counted as an improvement, which need not be "
            "the epoch with the lowest loss: do not take an argmin of the losses."
        ),
    )

    near_miss, delta = _near_miss_run(rng)
    yield Case(
        "a small gain does not move the best loss",
        args=(near_miss, 2),
        kwargs={"min_delta": delta},
        expected=reference(near_miss, 2, min_delta=delta),
        check=exact(),
        points=2,
        description=(
            "An epoch a little below the best, by less than min_delta, leaves the best loss "
            "where it was; the next epoch is then measured against the old best."
        ),
        hint=(
            "Change the best loss only when an epoch improves by more than min_delta. If a "
            "non-improving epoch also lowers the best loss, a later genuine improvement is "
            "measured against the wrong value and is missed (rule 3)."
        ),
    )

    run = _u_shaped_run(rng, 300)
    yield Case(
        "300 noisy epochs as a NumPy array",
        args=(run,),
        kwargs={"patience": 10, "min_delta": 0.001},
        expected=reference(run, patience=10, min_delta=0.001),
        check=exact(),
        points=2,
        description="Walk the whole array in order; return plain ints in the dict.",
    )
