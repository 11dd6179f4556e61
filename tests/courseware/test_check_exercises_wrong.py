"""check_exercises grades every wrong solution in wrong/ under every proved seed: each must
lose points, there must be at least three, and each opens with a comment naming its
mistake. sync_content never reads the folder."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from courseware.models import Exercise
from grader.exercise import wrong_solutions
from tests.courseware.content.tree import sync
from tests.grader.conftest import EXERCISES, FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def copied(settings, tmp_path):
    """A copy of the sum-list fixture (three wrong solutions) as the whole content."""
    folder = tmp_path / "courses" / "c" / "exercises" / "sum-copy"
    shutil.copytree(EXERCISES / "sum-list", folder)
    settings.CONTENT_DIR = tmp_path
    return folder


def test_each_wrong_solution_is_graded_and_its_scores_printed(settings, capsys):
    settings.CONTENT_DIR = FIXTURES
    call_command("check_exercises", "sum-list", "scale-array", "--seeds", "3")
    out = capsys.readouterr().out
    assert "ok   sum-list: solution 4/4, starter 0/4 (failed), fixed hidden cases" in out
    assert "wrong/rounds-to-int.py: 3/4 .. 3/4 (worst 3/4)" in out
    assert "wrong/nan-to-zero.py: 2/3 .. 2/3 (worst 2/3)" in out
    assert "ok   scale-array: solution 3/3, starter 0/3 (failed), 3 seeds" in out


def test_a_wrong_solution_with_full_marks_fails_the_proof(copied, capsys):
    shutil.copy(copied / "solution.py", copied / "wrong" / "not-wrong-at-all.py")
    (copied / "wrong" / "not-wrong-at-all.py").write_text(
        "# Claims a mistake it does not make.\n" + (copied / "solution.py").read_text()
    )
    with pytest.raises(CommandError, match="1 exercise"):
        call_command("check_exercises")
    out = capsys.readouterr().out
    assert "FAIL sum-copy" in out
    assert "wrong/not-wrong-at-all.py: 4/4 .. 4/4 (worst 4/4)" in out
    assert "wrong/not-wrong-at-all.py gets full marks with SEED" in out


def test_fewer_than_three_wrong_solutions_fail_the_proof(copied, capsys):
    (copied / "wrong" / "skips-first.py").unlink()
    with pytest.raises(CommandError):
        call_command("check_exercises")
    assert "wrong/ holds 2 wrong solution(s); write at least 3" in capsys.readouterr().out
    shutil.rmtree(copied / "wrong")
    with pytest.raises(CommandError):
        call_command("check_exercises")
    assert "wrong/ holds 0 wrong solution(s); write at least 3" in capsys.readouterr().out


def test_a_wrong_solution_must_say_what_is_wrong(copied, capsys):
    (copied / "wrong" / "silent.py").write_text("def total(xs):\n    return 0\n")
    with pytest.raises(CommandError):
        call_command("check_exercises")
    assert "wrong/silent.py must open with a comment" in capsys.readouterr().out


def test_only_python_files_count_as_wrong_solutions(copied):
    (copied / "wrong" / "notes.txt").write_text("not a solution")
    names = [p.name for p in wrong_solutions(copied)]
    assert names == ["rounds-to-int.py", "skips-first.py", "visible-answer.py"]
    assert wrong_solutions(copied / "missing") == []


def test_sync_content_ignores_the_wrong_folder(tree):
    folder = tree.root / "courses" / "alpha" / "exercises" / "add-numbers"
    tree.write(f"{folder.relative_to(tree.root)}/wrong/broken.py", "def add(a, b:\n")
    sync()
    exercise = Exercise.objects.get(slug="add-numbers")
    assert "broken" not in exercise.solution_code + exercise.prompt_html


def test_a_wrong_solution_caught_only_by_cases_without_a_hint_is_noted(settings, capsys):
    # The fixture's cases carry no hints: the proof holds, and says what a learner misses.
    settings.CONTENT_DIR = FIXTURES
    call_command("check_exercises", "sum-list")
    out = capsys.readouterr().out
    assert "ok   sum-list" in out
    assert (
        "no hint for its mistake: wrong/rounds-to-int.py with SEED fails only cases without "
        "a hint: two fractions"
    ) in out
