"""Hidden tests that stay hidden: attacks that try to learn or read them.

Each attack is graded through the real sandbox. Two use the real curriculum's exercises,
because their cases are what the attack targets: ``pca-components-for-variance`` (a
small integer answer, so constant guesses reveal it) and ``first-classifier`` (held-out
labels, with scikit-learn's bundled datasets importable in the sandbox).
"""

import json

import grader
from tests.grader.conftest import load, slot_processes
from tests.grader.test_hostile import BYPASS, REPO

CURRICULUM = REPO / "content" / "courses"
PCA = CURRICULUM / "advanced-ml-optimisation" / "exercises" / "pca-components-for-variance"
CLASSIFIER = CURRICULUM / "ml-model-development" / "exercises" / "first-classifier"


def _hidden_passes(result):
    return [t["passed"] for t in result["tests"] if not t["visible"]]


def test_a_lookup_table_from_constant_guess_probes_does_not_pass_a_new_seed():
    exercise = grader.load_exercise(PCA)
    first_seed, second_seed, new_seed = 1001, 1002, 1003
    # Probe: return one constant for every case and note which hidden cases it passes.
    # The learner's code can key its answers on what it sees: the shape and threshold.
    key = "(tuple(getattr(X, 'shape', ())), float(threshold))"
    probe = "def components_for_variance(X, threshold):\n    return {k}\n"
    table = {}
    for seed in (first_seed, second_seed):
        draw = exercise.draw(seed)
        hidden = draw.hidden_cases
        for guess in range(1, 11):
            result = grader.grade(exercise, probe.format(k=guess), seed=seed)
            for case, passed in zip(hidden, _hidden_passes(result), strict=True):
                if passed:
                    X, threshold = case.args
                    table[(tuple(getattr(X, "shape", ())), float(threshold))] = guess
    lookup = (
        f"TABLE = {table!r}\n\n"
        "def components_for_variance(X, threshold):\n"
        f"    return TABLE.get({key}, 1)\n"
    )
    # The table does learn the probed draw: with one draw for everyone it would pass...
    assert grader.grade(exercise, lookup, seed=first_seed)["score"] >= 6
    # ...but a new submission gets a new draw, with other sizes and other answers.
    fresh = grader.grade(exercise, lookup, seed=new_seed)
    assert fresh["status"] == "failed" and not all(_hidden_passes(fresh)), fresh["tests"]
    assert (
        exercise.draw(new_seed).hidden_cases[0].args[0].shape != draw.hidden_cases[0].args[0].shape
    )


PRINT_HIDDEN = BYPASS + (
    "gc, threading, time = imp('gc'), imp('threading'), imp('time')\n"
    "# Everything findable at import time: the runner's frames and every live object.\n"
    "frames, f = [], sys._getframe()\n"
    "while f is not None:\n"
    "    frames.append(repr(f.f_locals))\n"
    "    f = f.f_back\n"
    "seen = frames + [repr(o) for o in gc.get_objects() if isinstance(o, (dict, list, bytes, str))]\n"
    "print('FOUND', [r[:300] for r in seen if '98765' in r or '0.25' in r][:20])\n"
    "child = os.fork()\n"
    "if child == 0:\n"
    "    err = os.dup(2)\n"
    "    for _ in range(60):\n"
    "        time.sleep(0.02)\n"
    "        os.write(err, b'CHILD ' + repr(gc.get_objects()[-50:]).encode()[:4000])\n"
    "    os._exit(0)\n"
    "saved = os.dup(2)\n"
    "def later():\n"
    "    time.sleep(0.3)\n"
    "    print('THREAD', [repr(o)[:200] for o in gc.get_objects() if isinstance(o, list)][-200:])\n"
    "threading.Thread(target=later).start()\n"
    "def total(xs):\n"
    "    print('ARGS', xs)\n"
    "    os.write(saved, ('RAW %r' % (xs,)).encode())\n"
    "    os.write(1, ('FD1 %r' % (xs,)).encode())\n"
    "    name = 'Seen_' + '_'.join(str(x).replace('.', 'p') for x in xs)\n"
    "    raise type(name, (Exception,), {})(repr(xs))\n"
)


def test_printing_or_raising_hidden_inputs_never_reaches_the_learner():
    exercise = load("sum-list")  # hidden inputs [0.5, 0.25] and [987654321, 1]
    result = grader.grade(exercise, PRINT_HIDDEN)
    assert result["status"] == "failed" and result["score"] == 0
    text = json.dumps(result)
    for secret in ("987654321", "0.25", "0p25"):
        assert secret not in text, secret
    # The visible case's print shows, and what was printed during hidden tests is withheld.
    assert "ARGS [1, 2, 3]" in result["output"]
    assert "hidden tests ran is not shown" in result["output"]
    hidden = [t["message"] for t in result["tests"] if not t["visible"]]
    assert hidden == ["Hidden test failed: your function raised an exception."] * 2
    assert slot_processes() == []


LOOKUP_BUNDLED_LABELS = """
import numpy as np
from sklearn import datasets

BUNDLED = []
for name in ("load_breast_cancer", "load_wine", "load_iris", "load_digits"):
    data = getattr(datasets, name)()
    BUNDLED.append((data.data, data.target))


def fit_and_predict(X_train, y_train, X_test):
    for X, y in BUNDLED:
        if X.shape[1] != X_test.shape[1]:
            continue
        # Every held-out row, looked up in the bundled copy (up to a rescaling per column).
        for scaled in (X_test, X_test / np.abs(X_test).max(axis=0) * np.abs(X).max(axis=0)):
            found = [np.flatnonzero(np.all(np.isclose(X, row, rtol=1e-6), axis=1)) for row in scaled]
            if all(len(f) for f in found):
                return np.array([y[f[0]] for f in found])
    labels, counts = np.unique(y_train, return_counts=True)
    return np.full(len(X_test), labels[np.argmax(counts)])
"""


def test_held_out_labels_cannot_be_looked_up_in_bundled_datasets():
    exercise = grader.load_exercise(CLASSIFIER)
    for seed in (None, 7):
        result = grader.grade(exercise, LOOKUP_BUNDLED_LABELS, seed=seed)
        assert result["error"] is None, result["error"]
        # The visible breast-cancer case is a public worked example, so the lookup may
        # pass it; no hidden case's labels are in anything bound into the sandbox.
        assert not any(_hidden_passes(result)), result["tests"]


def test_an_exit_status_chosen_from_a_hidden_input_is_not_reported():
    exercise = load("sum-list")
    code = BYPASS + (
        "def total(xs):\n"
        "    if xs != [1, 2, 3]:\n"
        "        os._exit(int(xs[0] * 100) % 256)  # 0.5 -> 50: one byte of a hidden input\n"
        "    return sum(xs)\n"
    )
    result = grader.grade(exercise, code)
    assert result["status"] == "error" and result["score"] == 0
    assert "50" not in result["error"] and "stopped while the hidden tests ran" in result["error"]
