"""Hidden cases drawn per seed: visible ones fixed, hidden ones fresh, draws reproducible."""

import shutil

import pytest

import grader
from tests.grader.conftest import EXERCISES


def test_visible_cases_stay_fixed_and_hidden_ones_follow_the_seed(numeric):
    first, again, other = numeric.draw(41), numeric.draw(41), numeric.draw(42)
    assert first.visible_payload == other.visible_payload == numeric.draw().visible_payload
    assert first.hidden_payload == again.hidden_payload  # the same seed: the same cases
    assert first.hidden_payload != other.hidden_payload
    assert first.hidden_payload != numeric.draw().hidden_payload
    (hidden,) = first.hidden_cases
    assert hidden.expected.shape == (50, 3)  # the reference answered the drawn inputs


def test_a_regrade_with_the_same_seed_gives_the_same_verdict(numeric):
    code = "import numpy as np\n\ndef scale(x, k):\n    return np.asarray(x, dtype=float) * k\n"
    first = grader.grade(numeric, code, seed=7)
    assert first["status"] == "passed"
    wrong = "import numpy as np\n\ndef scale(x, k):\n    return np.round(np.asarray(x) * k, 1)\n"
    assert [t["passed"] for t in grader.grade(numeric, wrong, seed=7)["tests"]] == [
        t["passed"] for t in grader.grade(numeric, wrong, seed=7)["tests"]
    ]


def test_a_fixed_exercise_says_so_and_ignores_the_seed(plain):
    assert plain.fixed and plain.hidden_cases == "fixed"
    assert plain.draw(1) is plain.draw(2) is plain.draw()


def test_hidden_cases_that_never_vary_must_be_declared_fixed(tmp_path):
    folder = tmp_path / "courses" / "c" / "exercises" / "undeclared"
    shutil.copytree(EXERCISES / "sum-list", folder)
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace("hidden_cases: fixed", "hidden_cases: seeded"))
    with pytest.raises(grader.ExerciseError, match="same hidden inputs for every seed"):
        grader.load_exercise(folder)
    md.write_text(md.read_text().replace("hidden_cases: seeded", "hidden_cases: sometimes"))
    with pytest.raises(grader.ExerciseError, match="hidden_cases must be one of seeded, fixed"):
        grader.load_exercise(folder)


def test_every_draw_must_have_the_same_cases(tmp_path):
    folder = tmp_path / "courses" / "c" / "exercises" / "shifting"
    shutil.copytree(EXERCISES / "scale-array", folder)
    cases = folder / "cases.py"
    cases.write_text(cases.read_text().replace('"random matrix"', 'f"random matrix {big[0, 0]}"'))
    with pytest.raises(grader.ExerciseError, match="same cases"):
        grader.load_exercise(folder)


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, True, "7"])
def test_a_seed_is_a_non_negative_64_bit_int(numeric, seed):
    with pytest.raises(ValueError, match="seed must be"):
        grader.grade(numeric, "def scale(x, k):\n    return x\n", seed=seed)


def test_unvaried_hidden_cases_are_named(tmp_path):
    folder = tmp_path / "courses" / "c" / "exercises" / "partly"
    shutil.copytree(EXERCISES / "scale-array", folder)
    cases = folder / "cases.py"
    cases.write_text(
        cases.read_text().replace("points=2", "points=1")
        + '    yield Case("always the same", args=(x, 3.0), expected=reference(x, 3.0))\n'
    )
    exercise = grader.load_exercise(folder)
    assert exercise.unvaried == ("always the same",) and not exercise.fixed
