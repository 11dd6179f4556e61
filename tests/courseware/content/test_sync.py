"""Loading the curriculum: upsert by slug, idempotence, retirement, revival."""

import pytest

from courseware.models import Course, Exercise, Module, Question, QuestionResponse
from tests.courseware.content.tree import sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_first_sync_creates_everything_and_says_so(tree):
    out, _ = sync("-v", "2")
    assert "courses: 2 created, 0 updated, 0 retired, 0 unchanged" in out
    assert "modules: 3 created, 0 updated, 0 retired, 0 unchanged" in out
    assert "questions: 3 created" in out and "exercises: 1 created" in out
    assert "created module alpha/first-steps" in out
    alpha = Course.objects.get(slug="alpha")
    assert alpha.title == "Alpha Course" and alpha.outcomes == ["do a useful thing"]
    assert list(alpha.modules.values_list("slug", "order")) == [
        ("first-steps", 1),
        ("next-steps", 2),
    ]
    question = Question.objects.get(module__slug="first-steps")
    assert question.correct == ["a"]
    assert [c["key"] for c in question.choices] == ["a", "b"]


def test_second_sync_changes_nothing(tree):
    sync()
    stamps = {m.pk: m.updated_at for m in Module.objects.all()}
    out, _ = sync()
    assert "courses: 0 created, 0 updated, 0 retired, 2 unchanged" in out
    assert "modules: 0 created, 0 updated, 0 retired, 3 unchanged" in out
    assert "questions: 0 created, 0 updated, 0 retired, 3 unchanged" in out
    assert "Content already up to date" in out
    assert {m.pk: m.updated_at for m in Module.objects.all()} == stamps


def test_an_edit_updates_only_what_changed(tree):
    sync()
    path = "courses/alpha/modules/02-next-steps.md"
    tree.write(path, tree.read(path).replace("More text.", "Rewritten text."))
    out, _ = sync()
    assert "modules: 0 created, 1 updated, 0 retired, 2 unchanged" in out
    assert "updated module alpha/next-steps" in out
    assert "Rewritten text." in Module.objects.get(slug="next-steps").body_html
    assert "created" not in out.replace("0 created", "")


def test_removed_content_is_retired_and_keeps_learners_answers(tree):
    sync()
    user = UserFactory()
    question = Question.objects.get(module__slug="next-steps")
    QuestionResponse.objects.create(user=user, question=question, selected=["a"], is_correct=True)
    tree.remove("courses/alpha/modules/02-next-steps.md")
    tree.remove("courses/alpha/exercises/add-numbers")
    out, _ = sync()
    assert "retired module alpha/next-steps" in out
    assert "retired exercise add-numbers" in out
    module = Module.objects.get(slug="next-steps")
    assert module.is_retired
    assert Exercise.objects.get(slug="add-numbers").is_retired
    assert QuestionResponse.objects.filter(user=user, question=question).exists()
    assert not Module.objects.live().filter(slug="next-steps").exists()

    tree.module("alpha", "02-next-steps", title="Next steps")
    out, _ = sync()
    assert "updated module alpha/next-steps" in out
    assert not Module.objects.get(pk=module.pk).is_retired


def test_removed_course_retires_its_modules(tree):
    sync()
    tree.remove("courses/beta")
    out, _ = sync()
    assert "retired course beta" in out and "retired module beta/basics" in out
    assert list(Course.objects.live().values_list("slug", flat=True)) == ["alpha"]
    assert Module.objects.get(slug="basics").is_retired


def test_removed_question_is_retired(tree):
    sync()
    path = "courses/alpha/modules/01-first-steps.md"
    text = tree.read(path)
    tree.write(path, text[: text.index("```quiz")] + text[text.index("## Second heading") :])
    out, _ = sync()
    assert "retired question alpha/first-steps#q-one" in out
    assert Question.objects.get(module__slug="first-steps").is_retired


def test_sync_leaves_enrolment_open_alone(tree):
    sync()
    Course.objects.filter(slug="alpha").update(enrolment_open=False)
    path = "courses/alpha/course.md"
    tree.write(path, tree.read(path).replace("A short summary", "A new summary"))
    out, _ = sync()
    assert "updated course alpha" in out
    assert Course.objects.get(slug="alpha").enrolment_open is False


SOLUTION_FIELDS = ("solution_code", "solution_html")


def test_exercise_rows_hold_the_solution_only_in_its_own_fields_and_never_the_cases(tree):
    """The reference solution is stored for learners who pass ("how we solved it"), in
    fields only that view reads; the cases, with their expected answers, never are."""
    sync()
    exercise = Exercise.objects.get(slug="add-numbers")
    assert exercise.module.slug == "first-steps" and exercise.course.slug == "alpha"
    assert exercise.starter_code == "def add(a, b):\n    return 0\n"
    assert exercise.source_path == "courses/alpha/exercises/add-numbers"
    assert "<code>add(a, b)</code>" in exercise.prompt_html
    assert (exercise.points, exercise.pass_mark) == (2, 100)
    assert exercise.solution_code == tree.read("courses/alpha/exercises/add-numbers/solution.py")
    assert '<span class="n">SOLUTION_MARKER</span>' in exercise.solution_html
    others = [f for f in Exercise._meta.fields if f.attname not in SOLUTION_FIELDS]
    stored = " ".join(str(getattr(exercise, f.attname)) for f in others)
    assert "SOLUTION_MARKER" not in stored and "return a + b" not in stored
    everything = " ".join(str(getattr(exercise, f.attname)) for f in Exercise._meta.fields)
    assert "CASES_MARKER" not in everything


def test_html_is_rendered_at_sync_with_the_table_of_contents(tree):
    sync()
    module = Module.objects.get(slug="first-steps")
    assert '<h2 id="first-heading">First heading</h2>' in module.body_html
    assert 'href="#second-heading"' in module.toc_html
    assert "<!--quiz:q-one-->" in module.body_html
    assert "SECRET-EXPLANATION" not in module.body_html
    course = Course.objects.get(slug="alpha")
    assert 'href="/courses/alpha/first-steps/"' in course.body_html


def test_hints_and_the_explanation_are_rendered_and_sanitised_at_sync(tree):
    path = "courses/alpha/exercises/add-numbers/exercise.md"
    hints = (
        "hints:\n"
        "  - Python's `+` works on numbers.\n"
        "  - |\n"
        "    Look again at [the first heading](../../modules/01-first-steps.md#first-heading)\n"
        "    and at $a + b$. <script>alert(1)</script>\n"
    )
    tree.write(path, tree.read(path).replace("imports: [numpy]\n", f"imports: [numpy]\n{hints}"))
    tree.write(
        "courses/alpha/exercises/add-numbers/explanation.md",
        "## Why it works\n\nWe **add** the two numbers. <img src=x onerror=alert(1)>\n",
    )
    sync()
    exercise = Exercise.objects.get(slug="add-numbers")
    first, second = exercise.hints_html
    assert first == "<p>Python's <code>+</code> works on numbers.</p>"
    assert 'href="/courses/alpha/first-steps/#first-heading"' in second
    assert "<script" not in second and "alert" not in second
    assert "<strong>add</strong>" in exercise.explanation_html
    assert "onerror" not in exercise.explanation_html


def test_an_exercise_without_hints_or_explanation_stores_empty_ones(tree):
    sync()
    exercise = Exercise.objects.get(slug="add-numbers")
    assert exercise.hints_html == [] and exercise.explanation_html == ""
