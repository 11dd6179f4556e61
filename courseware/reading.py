"""The parts of the course and module pages that are the same for every reader, rendered
once per content version and kept as fragments (``caching.fragment_get``).

A module page is its fragment (breadcrumbs, contents, lesson header, pager, module list,
and the lesson body with every question unanswered) with the reader's own state put
around it on each request: the questions they answered, their exercise scores, their
enrolment and completion. Nothing in a fragment depends on who asked for it; the CSRF
token of a form inside one is a slot that ``caching.csrf_fill`` fills per request, and
an unanswered question's choices are kept rendered one by one and put in the reader's
own order (``selectors.choice_order``) on each request. That order depends only on the
user id, which the cache keys of a signed-in reader's page already hold, and visitors
all share one order, so the page caches stay correct.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import caching, selectors
from .content.hours import StudyTime
from .models import Course, Exercise, Module, Question

# Where an unanswered question's choices go, in the reader's order.
CHOICES_SLOT = "<!--choices-->"

# The module page's fixed pieces, each templates/courseware/includes/module_<name>.html.
# "contents" and "toc" are the same table of contents: a disclosure above the title on
# narrow screens, a column beside the lesson on wide ones.
MODULE_CHROME = ("breadcrumbs", "contents", "toc", "lesson_header", "pager", "module_list")


@dataclass
class LessonPiece:
    """Prose, or one question rendered unanswered (``question_id`` set): its ``html``
    holds ``CHOICES_SLOT`` where ``choices`` (each choice's label by key, in the source's
    order) go."""

    html: str
    question_id: int | None = None
    question_key: str = ""
    choices: dict[str, str] = field(default_factory=dict)


@dataclass
class ModuleReading:
    module_id: int
    chrome: dict[str, str]
    lesson: list[LessonPiece]
    question_keys: list[str]
    # Without ``course``/``module`` attached, so the fragment stays small.
    exercises: list[Exercise] = field(default_factory=list)


@dataclass
class LessonPart:
    """What the module template shows in the lesson: ready HTML, or an answered question
    to render for this reader."""

    html: SafeString | None = None
    question: Question | None = None


def _module_reading_build(module: Module) -> ModuleReading:
    siblings = selectors.module_siblings(module=module)
    index = next(i for i, m in enumerate(siblings) if m.pk == module.pk)
    questions = selectors.module_questions(module=module)
    context = {
        "course": module.course,
        "module": module,
        "modules": siblings,
        "position": index + 1,
        "previous_module": siblings[index - 1] if index > 0 else None,
        "next_module": siblings[index + 1] if index + 1 < len(siblings) else None,
    }
    chrome = {
        name: render_to_string(f"courseware/includes/module_{name}.html", context)
        for name in MODULE_CHROME
    }
    lesson = []
    for part in selectors.module_body_parts(module=module, questions=questions):
        if part.question is None:
            lesson.append(LessonPiece(html=part.html))
            continue
        question = part.question
        choices = {
            choice["key"]: render_to_string(
                "courseware/includes/question_choice.html", {"question": question, "choice": choice}
            )
            for choice in question.choices
        }
        question_context = {
            "question": question,
            "course": module.course,
            "module": module,
            "csrf_token": caching.CSRF_SLOT,
            "choices_html": mark_safe(CHOICES_SLOT),
        }
        html = render_to_string("courseware/includes/question.html", question_context)
        lesson.append(
            LessonPiece(
                html=html, question_id=question.id, question_key=question.key, choices=choices
            )
        )
    return ModuleReading(
        module_id=module.pk,
        chrome=chrome,
        lesson=lesson,
        question_keys=[q.key for q in questions],
        exercises=selectors.module_exercises_unattached(module=module),
    )


def module_reading(*, module: Module) -> ModuleReading:
    """The module's fragment: one cache read when warm; three queries (siblings,
    questions, exercises) and the renders when not."""
    return caching.fragment_get("module", module.pk, lambda: _module_reading_build(module))


def module_chrome(reading: ModuleReading) -> dict[str, SafeString]:
    return {name: mark_safe(html) for name, html in reading.chrome.items()}


def module_lesson(
    reading: ModuleReading, *, answered: dict[int, Question], csrf_token: str, user
) -> list[LessonPart]:
    """The lesson for one reader: their answered questions to render with the verdict,
    everything else from the fragment with their CSRF token and their order of each
    question's choices filled in."""
    user_id = user.pk if user.is_authenticated else None
    parts = []
    for piece in reading.lesson:
        if piece.question_id is None:
            parts.append(LessonPart(html=mark_safe(piece.html)))
        elif piece.question_id in answered:
            parts.append(LessonPart(question=answered[piece.question_id]))
        else:
            order = selectors.choice_order(
                keys=list(piece.choices),
                module_id=reading.module_id,
                question_key=piece.question_key,
                user_id=user_id,
            )
            choices = "".join(piece.choices[key] for key in order)
            html = caching.csrf_fill(piece.html, csrf_token).replace(CHOICES_SLOT, choices, 1)
            parts.append(LessonPart(html=mark_safe(html)))
    return parts


def module_exercises(reading: ModuleReading, *, module: Module) -> list[Exercise]:
    for exercise in reading.exercises:
        exercise.course = module.course
        exercise.module = module
    return reading.exercises


@dataclass
class CourseSyllabus:
    html: str
    module_count: int
    exercise_total: int
    first_module_url: str | None
    # Reading and exercise minutes, the numbers course.md's estimated_hours is made from.
    study_time: StudyTime | None = None


def _course_syllabus_build(course: Course) -> CourseSyllabus:
    modules = selectors.course_syllabus(course=course)
    html = render_to_string("courseware/includes/course_syllabus.html", {"modules": modules})
    return CourseSyllabus(
        html=html,
        module_count=len(modules),
        exercise_total=sum(m.exercise_count for m in modules),
        first_module_url=modules[0].get_absolute_url() if modules else None,
        study_time=StudyTime(
            reading_minutes=sum(m.estimated_minutes for m in modules),
            exercise_minutes=sum(e.estimated_minutes for m in modules for e in m.live_exercises),
            modules=len(modules),
            exercises=sum(len(m.live_exercises) for m in modules),
        ),
    )


def course_syllabus(*, course: Course) -> CourseSyllabus:
    """The course's syllabus fragment: one cache read when warm, one query when not."""
    return caching.fragment_get("syllabus", course.pk, lambda: _course_syllabus_build(course))
