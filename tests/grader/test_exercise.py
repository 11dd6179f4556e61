"""Loading exercise folders: validation, the per-process cache, discovery."""

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import grader
from tests.grader.conftest import EXERCISES, FIXTURES


@pytest.fixture
def copy(tmp_path):
    def make(slug="sum-list"):
        target = tmp_path / "courses" / "c" / "exercises" / slug
        shutil.copytree(EXERCISES / "sum-list", target)
        return target

    return make


def test_discover_finds_every_fixture_by_slug():
    found = grader.discover_exercises(FIXTURES)
    assert sorted(found) == ["label-points", "region-totals", "scale-array", "sum-list"]
    assert found["sum-list"] == EXERCISES / "sum-list"


def test_discover_refuses_a_slug_used_twice(tmp_path, copy):
    copy()
    other = tmp_path / "courses" / "d" / "exercises" / "sum-list"
    shutil.copytree(EXERCISES / "sum-list", other)
    with pytest.raises(grader.ExerciseError, match="used twice") as caught:
        grader.discover_exercises(tmp_path)
    assert caught.value.path == str(other.resolve())


def test_load_reads_front_matter_and_builds_cases(plain):
    assert plain.slug == "sum-list" and plain.entry == "total" and plain.time_limit == 2
    assert [c.name for c in plain.visible_cases] == ["three numbers"]
    assert plain.cases[2].expected == 987654322
    draw = plain.draw()
    payload = (draw.visible_payload + draw.hidden_payload).decode()
    # Only inputs go to the sandbox: no expected values, no reference code.
    assert "987654322" not in payload and "sum(xs)" not in payload
    assert '"entry": "total"' in draw.visible_payload.decode()
    # The visible part is one line; the hidden inputs are only in the held-back part.
    assert draw.visible_payload.count(b"\n") == 1 and b"[1, 2, 3]" in draw.visible_payload
    assert b"[1, 2, 3]" not in draw.hidden_payload


def test_the_cache_is_reused_until_a_file_changes(copy):
    folder = copy()
    first = grader.load_exercise(folder)
    assert grader.load_exercise(folder) is first
    cases = folder / "cases.py"
    cases.write_text(cases.read_text().replace("points=2", "points=3"))
    os.utime(cases, ns=(1, 1))
    with pytest.raises(grader.ExerciseError, match="points is 4 but the cases add up to 5"):
        grader.load_exercise(folder)


def test_cases_are_generated_with_the_declared_seed(numeric):
    again = grader.exercise._load(numeric.path)
    assert (again.cases[1].expected == numeric.cases[1].expected).all()


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("entry: total", "entry: not a name", "entry must be a Python function name"),
        ("imports: []", "imports: [os]", "imports may list only"),
        ("time_limit: 2", "time_limit: 60", "time_limit must be a number from 1 to 20"),
        ("time_limit: 2", "time_limit: 0.5", "time_limit must be a number from 1 to 20"),
        ("points: 4", "points: 4.0", "points must be a whole number from 1 to 10,000"),
        ("points: 4", "points: 0", "points must be a whole number from 1 to 10,000"),
        ("points: 4", "points: 20000", "points must be a whole number from 1 to 10,000"),
        ("time_limit: 2", "pass_mark: 50.5", "pass_mark must be a whole number from 0 to 100"),
        ("title: Add up a list\n", "", "title is required"),
    ],
)
def test_bad_front_matter_is_reported(copy, old, new, words):
    folder = copy()
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace(old, new))
    with pytest.raises(grader.ExerciseError, match=words):
        grader.load_exercise(folder)


def test_a_fractional_time_limit_and_the_default_pass_mark_load(copy):
    folder = copy()
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace("time_limit: 2", "time_limit: 1.5"))
    exercise = grader.load_exercise(folder)
    assert exercise.time_limit == 1.5 and exercise.pass_mark == 100 and exercise.points == 4


def load_error(folder) -> grader.ExerciseError:
    with pytest.raises(grader.ExerciseError) as caught:
        grader.load_exercise(folder)
    return caught.value


def test_a_cases_file_that_raises_on_import_points_at_its_line(copy):
    folder = copy()
    (folder / "cases.py").write_text("import math\n\nBAD = 1 / 0\n")
    error = load_error(folder)
    assert error.path == str((folder / "cases.py").resolve()) and error.line == 3
    assert str(error) == f"{error.path}:3: ZeroDivisionError: division by zero"
    assert error.args[0] == "ZeroDivisionError: division by zero"


def test_a_failure_while_building_cases_points_at_the_deepest_line_in_cases_py(copy):
    folder = copy()
    (folder / "cases.py").write_text(
        "from grader.cases import Case\n"
        "\n"
        "def cases(rng, reference):\n"
        "    yield Case('fine', args=(1,), expected=1)\n"
        "    yield helper()\n"
        "\n"
        "def helper():\n"
        "    return Case('bad', args=[1], expected=1)\n"  # raises inside grader.cases
    )
    error = load_error(folder)
    assert error.path.endswith("/cases.py") and error.line == 8
    assert "args must be a tuple" in str(error)


def test_a_syntax_error_in_the_solution_points_at_its_line(copy):
    folder = copy()
    (folder / "solution.py").write_text("def total(xs):\n    return sum(xs\n\n\n")
    error = load_error(folder)
    assert error.path == str((folder / "solution.py").resolve())
    assert error.line == 2 and "SyntaxError" in str(error)


def test_a_solution_that_does_not_define_the_entry_names_the_file(copy):
    folder = copy()
    (folder / "solution.py").write_text("def totl(xs):\n    return sum(xs)\n")
    error = load_error(folder)
    assert error.path.endswith("/solution.py") and error.line is None
    assert "does not define total()" in str(error)


def test_a_missing_file_is_named_without_a_line(copy):
    folder = copy()
    (folder / "starter.py").unlink()
    error = load_error(folder)
    assert error.path == str((folder / "starter.py").resolve()) and error.line is None
    assert str(error) == f"{error.path}: starter.py is missing"


@pytest.mark.parametrize(
    "old, new, line",
    [
        ("entry: total", "entry: 3", 5),  # an invalid key: that key's line
        ("time_limit: 2", "time_limit: 99", 7),
        ("imports: []", "imports: [os]", 8),
        ("entry: total\n", "", 1),  # a missing key: the opening ---
        ("order: 1", "order: [1", 5),  # bad YAML: where the parser gave up
    ],
)
def test_front_matter_problems_point_at_their_line_in_exercise_md(copy, old, new, line):
    folder = copy()
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace(old, new))
    error = load_error(folder)
    assert error.path == str(md.resolve()) and error.line == line, str(error)


def test_points_that_do_not_match_the_cases_point_at_the_points_line(copy):
    folder = copy()
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace("points: 4", "points: 5"))
    error = load_error(folder)
    assert error.path == str(md.resolve()) and error.line == 6
    assert error.args[0] == "points is 5 but the cases add up to 4"


def test_front_matter_ends_only_at_a_line_of_its_own(copy):
    folder = copy()
    md = folder / "exercise.md"
    md.write_text(md.read_text().replace("Add up a list", "'Add --- up a list'"))
    assert grader.load_exercise(folder).title == "Add --- up a list"
    md.write_text("---\ntitle: x\nentry: total\npoints: 4 ---\nThe body.\n")
    error = load_error(folder)
    assert error.line == 1 and "never closed" in str(error)


def test_an_exercise_error_survives_pickling_with_its_location():
    error = grader.ExerciseError("points is required", path="/x/exercise.md", line=1)
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.line, str(again)) == (error.path, 1, str(error))
    assert str(grader.ExerciseError("no location")) == "no location"


def test_the_grader_package_imports_nothing_from_django():
    """Run in a fresh interpreter where importing django fails outright."""
    code = (
        "import sys\n"
        "sys.modules['django'] = None\n"
        "import grader, grader.cases, grader.checks, grader.codec, grader.config\n"
        "import grader.exercise, grader.grading, grader.proving, grader.result\n"
        "import grader.mounts, grader.runner, grader.sandbox, grader.schema, grader.values\n"
        "ex = grader.load_exercise(sys.argv[1])\n"
        "print(sorted(m for m, v in sys.modules.items() if m.startswith('django') and v))\n"
    )
    root = Path(grader.__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code, str(EXERCISES / "sum-list")],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
