"""sync_content reports every problem as path:LINE: message and changes nothing."""

import pytest

from courseware.models import Course, Module
from tests.courseware.content.tree import sync, sync_problems

pytestmark = pytest.mark.django_db

MODULE = "courses/alpha/modules/01-first-steps.md"
COURSE = "courses/alpha/course.md"
EXERCISE = "courses/alpha/exercises/add-numbers/exercise.md"


def replace(tree, path, old, new):
    text = tree.read(path)
    assert old in text, f"{old!r} not in {path}"
    tree.write(path, text.replace(old, new, 1))


def test_valid_tree_passes_check(tree):
    out, err = sync("--check")
    assert "Content is valid: 2 course(s), 3 module(s), 1 exercise(s)." in out
    assert err == ""
    assert not Course.objects.exists()  # --check never writes


def test_missing_required_key_points_at_the_front_matter(tree):
    replace(tree, MODULE, "summary: What the module first-steps is about.\n", "")
    assert sync_problems() == [f"{MODULE}:1: missing required key 'summary' in module"]


def test_wrong_type_points_at_the_key(tree):
    replace(tree, MODULE, "estimated_minutes: 30", "estimated_minutes: half an hour")
    assert sync_problems() == [f"{MODULE}:6: 'estimated_minutes' must be a whole number, not str"]


def test_unknown_key_points_at_the_key(tree):
    replace(tree, MODULE, "estimated_minutes: 30\n", "estimated_minutes: 30\ndifficulty: hard\n")
    (problem,) = sync_problems()
    assert problem.startswith(f"{MODULE}:7: unknown key 'difficulty' in module")


def test_bad_choice_and_bad_list_item_in_course(tree):
    replace(tree, COURSE, "level: beginner", "level: expert")
    replace(tree, COURSE, "  - do a useful thing", "  - 42")
    assert sync_problems() == [
        f"{COURSE}:5: 'level' must be one of beginner, intermediate, advanced, not 'expert'",
        f"{COURSE}:10: each item of 'outcomes' must be non-empty text",
    ]


def test_yaml_syntax_error_names_its_line(tree):
    replace(tree, MODULE, "estimated_minutes: 30", "estimated_minutes: [30")
    (problem,) = sync_problems()
    assert problem.startswith(f"{MODULE}:6: front matter is not valid YAML")


def test_duplicate_key_in_front_matter(tree):
    replace(tree, MODULE, "estimated_minutes: 30\n", "estimated_minutes: 30\ntitle: Again\n")
    assert sync_problems() == [f"{MODULE}:7: duplicate key 'title'"]


def test_file_without_front_matter(tree):
    tree.write(MODULE, "# Just a heading\n")
    assert sync_problems() == [
        f"{MODULE}:1: the file must start with YAML front matter between '---' lines"
    ]


def test_duplicate_module_slug_and_number(tree):
    tree.module("alpha", "03-first-steps")
    tree.module("alpha", "02-another")
    problems = sync_problems()
    assert problems == [
        "courses/alpha/modules/02-next-steps.md:1: duplicate module number 02 "
        "(also courses/alpha/modules/02-another.md)",
        "courses/alpha/modules/03-first-steps.md:1: duplicate module slug 'first-steps' "
        f"(also {MODULE})",
    ]


def test_badly_named_module_file(tree):
    tree.module("alpha", "3-third")
    assert sync_problems() == [
        "courses/alpha/modules/3-third.md:1: a module file must be named NN-<slug>.md, "
        "e.g. 01-programming-for-ml.md"
    ]


def test_duplicate_exercise_slug_across_courses(tree):
    tree.exercise("beta", "add-numbers", module="basics")
    assert sync_problems() == [
        "courses/beta/exercises/add-numbers/exercise.md:1: duplicate exercise slug 'add-numbers' "
        f"(also {EXERCISE})"
    ]


def test_broken_links_name_their_line(tree):
    body = (
        "Intro.\n\n"  # line 8
        "## A heading\n\n"
        "See [the next module](02-next-steps.md#second-heading), fine.\n"  # line 12
        "See [a ghost](05-ghost.md).\n"  # line 13
        "See [a bad anchor](02-next-steps.md#no-such-heading).\n"  # line 14
        "See [other course](../../beta/modules/01-basics.md) and `[code](09-x.md)`.\n"
        "\n```python\n# [not a link](07-nothing.md)\n```\n"
    )
    tree.module("alpha", "01-first-steps", body=body)
    assert sync_problems() == [
        f"{MODULE}:13: broken link '05-ghost.md': there is no module "
        "courses/alpha/modules/05-ghost.md",
        f"{MODULE}:14: broken link '02-next-steps.md#no-such-heading': "
        "courses/alpha/modules/02-next-steps.md has no heading with anchor #no-such-heading",
    ]


def test_broken_link_in_course_page(tree):
    replace(tree, COURSE, "modules/01-first-steps.md", "modules/01-first-step.md")
    (problem,) = sync_problems()
    assert problem.startswith(f"{COURSE}:14: broken link 'modules/01-first-step.md'")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("type: single", "type: either", "16: quiz block: 'type' must be single or multiple"),
        (
            '  - text: "3"\n',
            '  - text: "3"\n    correct: true\n',
            "19: quiz block: a single-choice question needs exactly one correct choice, found 2",
        ),
        ("explanation: |\n  SECRET", "explain: |\n  SECRET", "14: quiz block: missing required"),
        ("id: q-one", "id: Q One", "15: quiz block: 'id' must be a slug"),
        ('  - text: "3"', '  - text: "3"\n    right: yes', "23: quiz block: unknown key 'right'"),
        ("choices:\n", "choices: [\n", "quiz block is not valid YAML"),
    ],
)
def test_malformed_quiz_blocks_name_their_line(tree, old, new, expected):
    replace(tree, MODULE, old, new)
    problems = sync_problems()
    assert any(p.startswith(f"{MODULE}:") and expected in p for p in problems), problems


def test_duplicate_quiz_ids_in_one_module(tree):
    text = tree.read(MODULE)
    quiz = text[text.index("```quiz") : text.index("```\n", text.index("```quiz") + 3) + 4]
    tree.write(MODULE, text + "\n" + quiz)
    (problem,) = sync_problems()
    assert problem == f"{MODULE}:31: quiz block: duplicate id 'q-one' (also on line 14)"


def test_exercise_problems(tree):
    replace(tree, EXERCISE, "module: first-steps", "module: nowhere")
    replace(tree, EXERCISE, "imports: [numpy]", "imports: [numpy, requests]")
    tree.remove("courses/alpha/exercises/add-numbers/solution.py")
    tree.exercise("alpha", "no-cases")
    tree.remove("courses/alpha/exercises/no-cases/cases.py")
    problems = sync_problems()
    assert problems == [
        f"{EXERCISE}:1: the exercise folder lacks solution.py",
        "courses/alpha/exercises/no-cases/exercise.md:1: the exercise folder lacks cases.py",
    ]
    tree.exercise("alpha", "add-numbers")
    tree.remove("courses/alpha/exercises/no-cases")
    replace(tree, EXERCISE, "module: first-steps", "module: nowhere")
    replace(tree, EXERCISE, "entry: add", "entry: 2add")
    replace(tree, EXERCISE, "imports: [numpy]", "imports: [numpy, requests]")
    assert sync_problems() == [
        f"{EXERCISE}:7: 'requests' in 'imports' is not one of numpy, pandas, sklearn, scipy",
    ]
    replace(tree, EXERCISE, "imports: [numpy, requests]", "imports: [numpy]")
    assert sync_problems() == [
        f"{EXERCISE}:3: module 'nowhere' does not exist in course 'alpha'",
        f"{EXERCISE}:5: 'entry' must be a Python function name",
    ]


def test_every_problem_is_reported_at_once_and_nothing_changes(tree):
    sync()
    modules_before = list(Module.objects.values_list("slug", "title", "is_retired"))
    replace(tree, MODULE, "title: First steps", "title: Renamed")
    replace(tree, COURSE, "pass_mark: 70", "pass_mark: 170")
    replace(tree, "courses/beta/modules/01-basics.md", "estimated_minutes: 30", "")
    tree.remove("courses/alpha/modules/02-next-steps.md")
    problems = sync_problems()
    assert problems == [
        f"{COURSE}:8: 'pass_mark' must be at most 100",
        "courses/beta/modules/01-basics.md:1: missing required key 'estimated_minutes' in module",
    ]
    assert list(Module.objects.values_list("slug", "title", "is_retired")) == modules_before


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("imports:", "time_limit: 0.5\nimports:", "7: 'time_limit' must be at least 1"),
        ("imports:", "time_limit: 21\nimports:", "7: 'time_limit' must be at most 20"),
        ("points: 2", "points: 2.5", "6: 'points' must be a whole number, not float"),
        ("points: 2", "points: 20000", "6: 'points' must be at most 10000"),
        ("imports:", "pass_mark: 99.5\nimports:", "7: 'pass_mark' must be a whole number"),
    ],
)
def test_exercise_limits_are_the_graders(tree, old, new, expected):
    replace(tree, EXERCISE, old, new)
    (problem,) = sync_problems("--check")
    assert problem.startswith(f"{EXERCISE}:{expected}")


def test_a_cases_file_that_raises_is_refused_naming_the_file(tree):
    tree.write(
        "courses/alpha/exercises/add-numbers/cases.py",
        "def cases(rng, reference):\n    raise ValueError('no data yet')\n",
    )
    (problem,) = sync_problems("--check")
    assert "courses/alpha/exercises/add-numbers/cases.py" in problem
    assert "ValueError: no data yet" in problem
    assert str(tree.root.resolve()) not in problem  # content paths, not this machine's


def test_a_solution_with_a_syntax_error_is_refused_naming_the_file(tree):
    tree.write("courses/alpha/exercises/add-numbers/solution.py", "def add(a, b)\n    return a\n")
    (problem,) = sync_problems("--check")
    assert "courses/alpha/exercises/add-numbers/solution.py" in problem
    assert "SyntaxError" in problem


def test_points_must_match_what_the_cases_add_up_to(tree):
    replace(tree, EXERCISE, "points: 2", "points: 3")
    (problem,) = sync_problems("--check")
    assert problem.startswith(f"{EXERCISE}:")
    assert "points is 3 but the cases add up to 2" in problem


def test_the_grader_only_loads_exercises_without_other_problems(tree):
    replace(tree, EXERCISE, "module: first-steps", "module: nowhere")
    tree.write("courses/alpha/exercises/add-numbers/cases.py", "raise ValueError('boom')\n")
    assert sync_problems() == [f"{EXERCISE}:3: module 'nowhere' does not exist in course 'alpha'"]


@pytest.mark.parametrize("slug", ["enrol", "leave", "certificate", "exercises"])
def test_module_slugs_that_would_hide_the_sites_pages_are_refused(tree, slug):
    tree.module("alpha", f"03-{slug}")
    assert sync_problems() == [
        f"courses/alpha/modules/03-{slug}.md:1: '{slug}' cannot be a module slug: "
        f"/courses/alpha/{slug}/ is one of the site's own pages; rename the file"
    ]


def test_a_grader_error_that_names_its_file_and_line_is_reported_there(tree, monkeypatch):
    import grader

    def refuse(folder):
        # As the grader reports it: the bare message, with the file and line beside it.
        exc = grader.ExerciseError("ValueError: late")
        exc.path, exc.line = str(folder / "cases.py"), 4
        raise exc

    monkeypatch.setattr(grader, "load_exercise", refuse)
    assert sync_problems() == [
        "courses/alpha/exercises/add-numbers/cases.py:4: "
        "the grader cannot load this exercise: ValueError: late"
    ]


# -- progressive hints and explanation.md ----------------------------------------

EXPLANATION = "courses/alpha/exercises/add-numbers/explanation.md"


def with_hints(tree, hints_yaml: str) -> None:
    """Put ``hints_yaml`` (the lines after ``hints:``) on line 8 of exercise.md."""
    replace(tree, EXERCISE, "imports: [numpy]\n", f"imports: [numpy]\nhints:{hints_yaml}")


def test_hints_are_optional_and_at_most_five(tree):
    assert sync("--check")[1] == ""
    with_hints(tree, "".join(f"\n  - Hint number {n}." for n in range(1, 7)) + "\n")
    assert sync_problems() == [f"{EXERCISE}:8: 'hints' lists 6 items; at most 5 are allowed"]


@pytest.mark.parametrize(
    ("hints_yaml", "expected"),
    [
        (" Use the plus sign.\n", "8: 'hints' must be a list of text items, not str"),
        ("\n  - Fine.\n  - ''\n", "10: each item of 'hints' must be non-empty text"),
        ("\n  - Fine.\n  - 42\n", "10: each item of 'hints' must be non-empty text"),
        ("\n  - text: a mapping\n", "9: each item of 'hints' must be non-empty text"),
    ],
)
def test_each_hint_must_be_non_empty_text(tree, hints_yaml, expected):
    with_hints(tree, hints_yaml)
    assert sync_problems() == [f"{EXERCISE}:{expected}"]


def test_a_broken_link_in_a_hint_is_reported_at_the_hint(tree):
    with_hints(tree, "\n  - Fine.\n  - Read [the lesson](../../modules/04-gone.md) again.\n")
    assert sync_problems() == [
        f"{EXERCISE}:10: broken link '../../modules/04-gone.md': there is no module "
        "courses/alpha/modules/04-gone.md"
    ]


def test_explanation_md_is_optional_but_not_empty_and_its_links_are_checked(tree):
    tree.write(EXPLANATION, "  \n")
    assert sync_problems() == [f"{EXPLANATION}:1: explanation.md is empty; write it or delete it"]
    tree.write(EXPLANATION, "We add.\n\nSee [the lesson](../../modules/01-first-steps.md#nope).\n")
    assert sync_problems() == [
        f"{EXPLANATION}:3: broken link '../../modules/01-first-steps.md#nope': "
        "courses/alpha/modules/01-first-steps.md has no heading with anchor #nope"
    ]
    tree.write(EXPLANATION, "We add.\n\n```quiz\nid: x\n```\n")
    assert sync_problems() == [
        f"{EXPLANATION}:3: ```quiz blocks (knowledge checks) belong in modules only"
    ]


def test_a_formula_that_cannot_be_converted_names_its_file_and_line(tree):
    replace(tree, MODULE, "Some text.\n", "Some text with $\\frac{1}{2$ in it.\n")
    replace(tree, MODULE, "What is $1 + 1$?", "What is $1 \\pluss 1$?")
    replace(tree, EXERCISE, "returns the sum.", "returns the sum $a \\boxed{+} b$.")
    assert sync_problems() == [
        f"{EXERCISE}:10: cannot show the formula 'a \\boxed{{+}} b': the site cannot show "
        "<menclose>, which this formula needs",
        f"{MODULE}:12: cannot show the formula '\\frac{{1}}{{2': Expected closing token \"}}\", "
        "but reached end of input",
        f"{MODULE}:18: quiz block: cannot show the formula '1 \\pluss 1': Unknown command "
        '"\\pluss"',
    ]
    assert not Course.objects.exists()
