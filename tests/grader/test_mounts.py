"""What a run binds into the sandbox (DESIGN promise 1), checked without starting one."""

from pathlib import Path

from grader import mounts
from tests.grader.conftest import EXERCISES, load

CODE = "/tmp/grader-run-x/submission.py"


def test_a_run_binds_the_interpreter_the_runner_and_the_learners_file_only():
    pairs = mounts.binds(CODE, ())
    dests = [dest for _, dest in pairs]
    assert pairs[-1] == (CODE, mounts.BOX_CODE)
    assert (str(mounts.RUNNER), f"{mounts.BOX_GRADER}/runner.py") in pairs
    assert (str(mounts.CODEC), f"{mounts.BOX_GRADER}/codec.py") in pairs
    assert not [d for d in dests if d.startswith(mounts.BOX_SITE)]
    grader_files = [src for src, _ in pairs if Path(src).parent == mounts.HERE]
    assert sorted(Path(src).name for src in grader_files) == ["codec.py", "runner.py"]


def test_exercise_files_and_the_project_are_never_bound():
    exercise = load("region-totals")
    pairs = mounts.binds(CODE, exercise.libraries)
    project = mounts.HERE.parent
    packages = ["accounts", "blog", "config", "content", "courseware", "enrollment", "tests"]
    for src, _ in pairs:
        path = Path(src)
        assert EXERCISES not in path.parents, src
        assert path.name not in ("solution.py", "cases.py", "exercise.md"), src
        assert not any(project / name in path.parents for name in packages), src
        assert mounts.HERE not in path.parents or path in (mounts.RUNNER, mounts.CODEC), src


def test_libraries_bring_their_dependencies_and_nothing_unasked():
    names = {dest.rsplit("/", 1)[-1] for _, dest in mounts.site_binds(["pandas"])}
    assert {"pandas", "numpy", "dateutil"} <= names
    assert "sklearn" not in names and "django" not in names and "grader" not in names
