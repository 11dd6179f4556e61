import numpy as np

from grader.cases import Case, predicate

SEED = 7319  # the generator passed to cases() is np.random.default_rng(SEED)


def _folds(received, k):
    """The folds as integer arrays, or None when the answer is not k 1-D integer arrays."""
    if not isinstance(received, list | tuple) or len(received) != k:
        return None
    folds = [np.asarray(fold) for fold in received]
    for fold in folds:
        if fold.ndim != 1 or (fold.size and fold.dtype.kind not in "iu"):
            return None
    return folds


def _is_partition(received, n, k):
    folds = _folds(received, k)
    if folds is None:
        return False
    every = np.concatenate(folds) if folds else np.array([], dtype=int)
    return np.array_equal(np.sort(every), np.arange(n))


def _sizes_balanced(received, n, k):
    folds = _folds(received, k)
    if folds is None:
        return False
    sizes = [len(fold) for fold in folds]
    return sum(sizes) == n and max(sizes) - min(sizes) <= 1


def _classes_balanced(received, y, k):
    if not _is_partition(received, len(y), k):
        return False
    folds = _folds(received, k)
    for label in np.unique(y):
        counts = [int(np.sum(y[fold] == label)) for fold in folds]
        if max(counts) - min(counts) > 1:
            return False
    return True


def _all_properties(y, k):
    n = len(y)
    return lambda received: (
        _is_partition(received, n, k)
        and _sizes_balanced(received, n, k)
        and _classes_balanced(received, y, k)
    )


PARTITION = (
    "Return a list of exactly k 1-D NumPy integer arrays that together contain every index "
    "0..n-1 exactly once (no index missing, none repeated, none out of range)."
)
SIZES = (
    "The folds must partition the indices and their sizes may differ by at most one. If each "
    "class is dealt out starting again at fold 0, the early folds collect the extra rows of "
    "every class: start each class where the previous one stopped."
)
CLASSES = (
    "The folds must partition the indices, and for every class the number of its members in "
    "each fold may differ by at most one between folds. Deal each class's indices out across "
    "the folds separately instead of cutting the data into consecutive chunks."
)
EVERYTHING = (
    "Expected k integer arrays that partition 0..n-1, with fold sizes that differ by at most "
    "one and, for every class, per-fold counts that differ by at most one."
)


HINT_CARRY_ON = (
    "Every class leaves its extra rows in the first folds it deals to. If each class starts "
    "again at fold 0, or is split with np.array_split, those extras pile up in the same folds; "
    "let each class start dealing where the previous class stopped."
)
HINT_LOOK_AT_LABELS = (
    "Splitting by position alone keeps the fold sizes equal but not the classes. Group the "
    "indices by label first, then deal each group out across the folds."
)


def cases(rng, reference):
    y = np.array([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0])
    yield Case(
        "12 labels, k=3: the folds partition the indices",
        args=(y, 3),
        check=predicate(lambda received: _is_partition(received, len(y), 3), PARTITION),
        visible=True,
        points=2,
        description="Every position 0..11 must appear in exactly one of the 3 folds.",
    )

    y_sizes = np.array([0] * 5 + [1] * 5)
    yield Case(
        "two classes of 5, k=3: fold sizes differ by at most one",
        args=(y_sizes, 3),
        check=predicate(lambda received: _sizes_balanced(received, 10, 3), SIZES),
        visible=True,
        points=2,
        description=(
            "10 rows in 3 folds must give sizes 4, 3, 3 in some order. Each class of 5 puts 2 "
            "rows in two folds and 1 in the third; if both classes favour the same two folds, "
            "the sizes become 4, 4, 2."
        ),
        hint=HINT_CARRY_ON,
    )

    y_pets = np.array(["cat"] * 7 + ["dog"] * 4 + ["fox"] * 2)
    yield Case(
        "13 string labels sorted by class, k=3: each class spread evenly",
        args=(y_pets, 3),
        check=predicate(lambda received: _classes_balanced(received, y_pets, 3), CLASSES),
        visible=True,
        points=2,
        description=(
            "The 7 cats must be split like 3/2/2, the 4 dogs like 2/1/1 and the 2 foxes like 1/1/0 "
            "across the folds (in any order). Labels can be strings, and the data arrives sorted by class."
        ),
        hint=HINT_LOOK_AT_LABELS,
    )

    y_sorted = np.array([0] * 90 + [1] * 10)
    yield Case(
        "100 labels sorted by class with 10% positives, k=5",
        args=(y_sorted, 5),
        check=predicate(_all_properties(y_sorted, 5), EVERYTHING),
        points=2,
        description="Each fold should hold 18 negatives and 2 positives.",
    )

    y_rare = np.array([2, 0, 1, 0, 1, 0, 0, 1, 0, 2, 1, 0, 1, 0, 0, 1, 0])
    yield Case(
        "a class with fewer members than folds, k=5",
        args=(y_rare, 5),
        check=predicate(_all_properties(y_rare, 5), EVERYTHING),
        points=2,
        description=(
            "Class 2 has only two members, so three folds get none of it; the fold sizes "
            "(17 rows in 5 folds) must still differ by at most one."
        ),
        hint=HINT_CARRY_ON,
    )

    y_list = [0, 0, 0, 0, 1, 1, 0, 1, 1]
    yield Case(
        "labels given as a Python list, k=2",
        args=(y_list, 2),
        check=predicate(_all_properties(np.array(y_list), 2), EVERYTHING),
        points=1,
        description="y may be a plain list rather than a NumPy array.",
    )

    y_loo = np.array([0, 1, 0, 1, 1, 0, 0])
    yield Case(
        "k equal to n: one index per fold",
        args=(y_loo, 7),
        check=predicate(_all_properties(y_loo, 7), EVERYTHING),
        points=1,
        description="With as many folds as rows, every fold holds exactly one index.",
    )

    y_big = rng.choice(4, size=997, p=[0.6, 0.25, 0.1, 0.05])
    yield Case(
        "997 shuffled labels from four unequal classes, k=10",
        args=(y_big, 10),
        check=predicate(_all_properties(y_big, 10), EVERYTHING),
        points=3,
        description="A larger, imbalanced problem whose size is not a multiple of k.",
        hint=HINT_LOOK_AT_LABELS,
    )
