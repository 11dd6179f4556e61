"""What authors write in cases.py: a Case's hint, and how a bad one is reported."""

import shutil

import pytest

import grader
from grader.cases import HINT_MAX_CHARS, Case
from tests.grader.conftest import EXERCISES


def test_a_hint_is_optional_and_stored_without_surrounding_space():
    assert Case("plain", args=(1,), expected=1).hint == ""
    case = Case("hinted", args=(1,), expected=1, hint="  Check the empty list.\n")
    assert case.hint == "Check the empty list."


def test_a_hint_must_be_text():
    with pytest.raises(TypeError, match="'hinted': hint must be a string, got list"):
        Case("hinted", args=(1,), expected=1, hint=["not", "text"])


def test_a_hint_is_at_most_a_few_sentences():
    Case("at the limit", args=(1,), expected=1, hint="x" * HINT_MAX_CHARS)
    with pytest.raises(ValueError, match=f"hint is {HINT_MAX_CHARS + 1} characters"):
        Case("too long", args=(1,), expected=1, hint="x" * (HINT_MAX_CHARS + 1))


def test_the_loader_reports_a_bad_hint_at_its_line_in_cases_py(tmp_path):
    folder = tmp_path / "courses" / "c" / "exercises" / "sum-list"
    shutil.copytree(EXERCISES / "sum-list", folder)
    cases = folder / "cases.py"
    text = cases.read_text().replace("visible=True)", "visible=True, hint=42)")
    cases.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "hint=42" in row)
    with pytest.raises(grader.ExerciseError, match="hint must be a string") as caught:
        grader.load_exercise(folder)
    assert caught.value.path == str(cases) and caught.value.line == line
