"""What the second edition promises of the real curriculum, checked on its files: figures
in every technical module, knowledge checks whose answers are not always in the same
place, references at the end of every module, and wrong solutions for every exercise."""

from collections import Counter

import pytest
import yaml

from tests.courseware.content.curriculum import (
    CONTENT,
    MODULE_FILES,
    code_blocks,
    fenced,
    module_id,
)

# Modules about a career are the only ones not asked to draw.
NOT_TECHNICAL = {"careers-in-ml", "careers-in-optimisation"}
COURSES = sorted(p.name for p in (CONTENT / "courses").iterdir() if p.is_dir())
EXERCISES = sorted(CONTENT.glob("courses/*/exercises/*/exercise.md"))


def _slug(path):
    return path.stem.split("-", 1)[1]


def _figures(path):
    return [b for b in code_blocks(path) if b.language == "python" and b.figure]


@pytest.mark.parametrize("path", MODULE_FILES, ids=module_id)
def test_each_technical_module_draws_at_least_two_figures(path):
    if _slug(path) in NOT_TECHNICAL:
        pytest.skip("a careers module")
    assert len(_figures(path)) >= 2


def test_the_curriculum_draws_at_least_25_figures():
    assert sum(len(_figures(p)) for p in MODULE_FILES) >= 25


@pytest.mark.parametrize("path", MODULE_FILES, ids=module_id)
def test_each_module_has_at_least_five_knowledge_checks(path):
    assert len(fenced(path, "quiz")) >= 5


@pytest.mark.parametrize("course", COURSES)
def test_no_position_holds_the_correct_answer_in_more_than_40_percent(course):
    positions = Counter()
    for path in MODULE_FILES:
        if path.parent.parent.name != course:
            continue
        for line, text in fenced(path, "quiz"):
            question = yaml.safe_load(text)
            if question.get("type") != "single":
                continue
            correct = [i for i, c in enumerate(question["choices"]) if c.get("correct")]
            assert len(correct) == 1, f"{path.name}:{line}"
            positions[correct[0] + 1] += 1
    total = sum(positions.values())
    assert total >= 20
    worst, count = positions.most_common(1)[0]
    assert count <= 0.4 * total, f"position {worst} holds {count} of {total}: {dict(positions)}"


@pytest.mark.parametrize("path", MODULE_FILES, ids=module_id)
def test_each_module_ends_with_its_references(path):
    text = path.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert "## References" in headings, "no '## References' section"
    section = text.split("\n## References\n", 1)[1]
    items = [line for line in section.splitlines() if line.lstrip().startswith(("- ", "* ", "1"))]
    assert len(items) >= 3, "a references section lists at least three works"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.parent.name)
def test_each_exercise_keeps_at_least_three_wrong_solutions(path):
    wrong = sorted((path.parent / "wrong").glob("*.py"))
    assert len(wrong) >= 3, "write at least three plausible wrong solutions in wrong/"
    for file in wrong:
        first = file.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith(("#", '"""')), f"{file.name} starts by saying what is wrong"
