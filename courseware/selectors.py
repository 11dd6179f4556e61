"""Reads for the catalogue, course landing and module pages.

Every page does a fixed number of queries whatever the number of modules: lists are
fetched once and related objects are attached in Python, never looked up per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from .content.markdown import QUIZ_MARKER_RE
from .models import Course, Exercise, Module, Question, QuestionResponse

_LIVE_MODULES = Q(modules__is_retired=False)
SESSION_ANSWERS = "courseware_answers"


def course_list_for_catalogue():
    return (
        Course.objects.live()
        .annotate(
            module_count=Count("modules", filter=_LIVE_MODULES),
            total_minutes=Sum("modules__estimated_minutes", filter=_LIVE_MODULES),
        )
        .only("slug", "title", "subtitle", "summary", "level", "estimated_hours", "order")
        .order_by("order", "title")
    )


def course_get_live(*, course_slug: str) -> Course | None:
    return (
        Course.objects.live()
        .defer("source_path", "content_hash", "created_at")
        .filter(slug=course_slug)
        .first()
    )


def course_syllabus(*, course: Course) -> list[Module]:
    modules = list(
        course.modules.live()
        .annotate(
            exercise_count=Count("exercises", filter=Q(exercises__is_retired=False), distinct=True),
            question_count=Count("questions", filter=Q(questions__is_retired=False), distinct=True),
        )
        .only("slug", "order", "title", "summary", "estimated_minutes", "course_id")
        .order_by("order")
    )
    for module in modules:
        module.course = course  # so get_absolute_url needs no query per row
    return modules


def module_get_live(*, course_slug: str, module_slug: str) -> Module | None:
    return (
        Module.objects.live()
        .select_related("course")
        .defer("source_path", "content_hash", "course__body_html", "course__source_path")
        .filter(course__slug=course_slug, slug=module_slug)
        .first()
    )


def module_siblings(*, module: Module) -> list[Module]:
    siblings = list(
        Module.objects.live()
        .filter(course_id=module.course_id)
        .only("slug", "order", "title", "estimated_minutes", "course_id")
        .order_by("order")
    )
    for sibling in siblings:
        sibling.course = module.course
    return siblings


def module_exercises(*, module: Module) -> list[Exercise]:
    exercises = list(
        Exercise.objects.filter(module=module, is_retired=False)
        .only("slug", "title", "summary", "points", "order", "course_id", "module_id")
        .order_by("order", "slug")
    )
    for exercise in exercises:
        exercise.course = module.course
        exercise.module = module
    return exercises


@dataclass
class AnswerState:
    selected: list[str]
    is_correct: bool


@dataclass
class BodyPart:
    html: str = ""
    question: Question | None = None


def answer_state(question: Question, selected: list[str]) -> AnswerState:
    return AnswerState(
        selected=list(selected), is_correct=sorted(selected) == sorted(question.correct)
    )


def module_questions(*, module: Module, user, session) -> list[Question]:
    """The module's questions, each with ``.answer`` (an AnswerState) when the reader has
    answered it: from stored responses when signed in, the session otherwise."""
    questions = list(module.questions.filter(is_retired=False).order_by("order"))
    answers: dict[int, list[str]] = {}
    if user.is_authenticated:
        responses = QuestionResponse.objects.filter(user=user, question__in=questions).only(
            "question_id", "selected"
        )
        answers = {r.question_id: r.selected for r in responses}
    elif session is not None and SESSION_ANSWERS in session:
        stored = session.get(SESSION_ANSWERS, {})
        answers = {q.id: stored[str(q.id)] for q in questions if str(q.id) in stored}
    for question in questions:
        question.module = module
        selected = answers.get(question.id)
        question.answer = answer_state(question, selected) if selected else None
    return questions


def module_body_parts(*, module: Module, questions: list[Question]) -> list[BodyPart]:
    """Split the pre-rendered body at its ``<!--quiz:key-->`` markers."""
    by_key = {q.key: q for q in questions}
    pieces = QUIZ_MARKER_RE.split(module.body_html)
    parts: list[BodyPart] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            if piece.strip():
                parts.append(BodyPart(html=piece))
        elif piece in by_key:
            parts.append(BodyPart(question=by_key[piece]))
    return parts


def question_get_live(*, course_slug: str, module_slug: str, key: str) -> Question | None:
    return (
        Question.objects.filter(
            is_retired=False,
            key=key,
            module__slug=module_slug,
            module__is_retired=False,
            module__course__slug=course_slug,
            module__course__is_retired=False,
        )
        .select_related("module__course")
        .defer("module__body_html", "module__toc_html", "module__course__body_html")
        .first()
    )
