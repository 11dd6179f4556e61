"""Reads for the catalogue, course landing and module pages, and knowledge checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from config.ids import parse_id

# A module reference, not names: enrollment's selectors read best scores from ours, so
# each module must be importable while the other is still loading.
from ..content.markdown import QUIZ_MARKER_RE
from ..models import (
    Course,
    Exercise,
    Module,
    Question,
    QuestionResponse,
)

_LIVE_MODULES = Q(modules__is_retired=False)
SESSION_ANSWERS = "courseware_answers"


def course_list_for_catalogue():
    return (
        Course.objects.live()
        .annotate(module_count=Count("modules", filter=_LIVE_MODULES))
        .only("slug", "title", "subtitle", "summary", "level", "estimated_hours", "order")
        .order_by("order", "title")
    )


def course_get_live(*, course_slug: str) -> Course | None:
    return Course.objects.live().defer("source_path", "created_at").filter(slug=course_slug).first()


def course_syllabus(*, course: Course) -> list[Module]:
    """The course's live modules with their counts and ``live_exercises`` (two queries)."""
    exercises = (
        Exercise.objects.filter(is_retired=False)
        .only("slug", "title", "order", "course_id", "module_id", "estimated_minutes")
        .order_by("order", "slug")
    )
    modules = list(
        course.modules.live()
        .prefetch_related(Prefetch("exercises", queryset=exercises, to_attr="live_exercises"))
        .annotate(
            exercise_count=Count("exercises", filter=Q(exercises__is_retired=False), distinct=True),
            question_count=Count("questions", filter=Q(questions__is_retired=False), distinct=True),
        )
        .only("slug", "order", "title", "summary", "estimated_minutes", "course_id")
        .order_by("order")
    )
    for module in modules:
        module.course = course  # so get_absolute_url needs no query per row
        for exercise in module.live_exercises:
            exercise.course = course
    return modules


def module_get_live(*, course_slug: str, module_slug: str) -> Module | None:
    return (
        Module.objects.live()
        .select_related("course")
        .defer("source_path", "course__body_html", "course__source_path", "course__glossary_html")
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


def module_exercises_unattached(*, module: Module) -> list[Exercise]:
    """The module's live exercises in order, with nothing attached, small enough to keep
    in a cached fragment (``reading.module_exercises`` attaches course and module)."""
    return list(
        Exercise.objects.filter(module=module, is_retired=False)
        .only("slug", "title", "summary", "points", "pass_mark", "order", "course_id", "module_id")
        .order_by("order", "slug")
    )


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


def choice_order(*, keys: list[str], module_id: int, question_key: str, user_id: int | None):
    """The choice keys in the order one reader sees them: shuffled per reader and
    question, so the right answer is not always in the same place, and the same on every
    reload. Each key is ranked by a hash of (reader, module, question, key), which no
    random state or Python version can change; visitors (``user_id`` None) all share one
    order per question. Only the display moves: answers are graded by key."""
    reader = "visitor" if user_id is None else str(user_id)
    seed = f"{reader}:{module_id}:{question_key}:"
    return sorted(keys, key=lambda key: hashlib.sha256(f"{seed}{key}".encode()).digest())


def _reader_id(user) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def question_choices_for(*, question: Question, user) -> list[dict]:
    """``question.choices`` in the order ``user`` sees them (``choice_order``)."""
    by_key = {choice["key"]: choice for choice in question.choices}
    order = choice_order(
        keys=list(by_key),
        module_id=question.module_id,
        question_key=question.key,
        user_id=_reader_id(user),
    )
    return [by_key[key] for key in order]


def module_questions(*, module: Module) -> list[Question]:
    """The module's live questions in order, as every reader first sees them."""
    questions = list(module.questions.filter(is_retired=False).order_by("order"))
    for question in questions:
        question.module = module
    return questions


def module_answers(*, module: Module, user, session) -> dict[int, Question]:
    """The module's questions this reader has answered, by id, each with ``.answer`` (an
    AnswerState) and ``.shown_choices`` (in this reader's order): from stored responses
    when signed in (one query), from the session otherwise (one query when it holds
    answers, none when it does not)."""
    if user.is_authenticated:
        responses = QuestionResponse.objects.filter(
            user=user, question__module=module, question__is_retired=False
        ).select_related("question")
        pairs = [(response.question, response.selected) for response in responses]
    elif session is not None and SESSION_ANSWERS in session:
        stored = session.get(SESSION_ANSWERS, {})
        ids = [number for key in stored if (number := parse_id(key)) is not None]
        questions = Question.objects.filter(module=module, is_retired=False, id__in=ids)
        pairs = [(question, stored[str(question.id)]) for question in questions]
    else:
        return {}
    answered = {}
    for question, selected in pairs:
        if selected:
            question.module = module
            question.answer = answer_state(question, selected)
            question.shown_choices = question_choices_for(question=question, user=user)
            answered[question.id] = question
    return answered


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
        .defer(
            "module__body_html",
            "module__toc_html",
            "module__course__body_html",
            "module__course__glossary_html",
        )
        .first()
    )
