"""Loading exercise folders: validation, the per-process cache, discovery."""

import os
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
    with pytest.raises(grader.ExerciseError, match="used twice"):
        grader.discover_exercises(tmp_path)


def test_load_reads_front_matter_and_builds_cases(plain):
    assert plain.slug == "sum-list" and plain.entry == "total" and plain.time_limit == 2
    assert [c.name for c in plain.visible_cases] == ["three numbers"]
    assert plain.cases[2].expected == 987654322
    payload = plain.payload().decode()
    # Only inputs go to the sandbox: no expected values, no reference code.
    assert "987654322" not in payload and "sum(xs)" not in payload
    assert '"entry": "total"' in payload


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


def test_a_broken_cases_file_names_the_file(copy):
    folder = copy()
    (folder / "cases.py").write_text("def cases(rng, reference):\n    yield 1 / 0\n")
    with pytest.raises(grader.ExerciseError, match="cases.py: ZeroDivisionError"):
        grader.load_exercise(folder)


def test_the_grader_package_imports_nothing_from_django():
    """Run in a fresh interpreter where importing django fails outright."""
    code = (
        "import sys\n"
        "sys.modules['django'] = None\n"
        "import grader, grader.cases, grader.checks, grader.codec, grader.config\n"
        "import grader.exercise, grader.grading, grader.proving, grader.result\n"
        "import grader.runner, grader.sandbox\n"
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
