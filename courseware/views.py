"""Catalogue, course landing and module pages, and knowledge-check answers.

All lesson HTML was rendered at sync time; these views only fetch rows (a fixed number
of queries per page) and hand them to templates.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from enrollment.selectors import enrollment_get

from . import selectors, services


def is_htmx(request) -> bool:
    """Was this request made by htmx (and so wants a fragment, not a page)?"""
    return request.headers.get("HX-Request") == "true"


def catalogue(request):
    courses = selectors.course_list_for_catalogue()
    return render(request, "courseware/catalogue.html", {"courses": courses})


# The Enrol Now button depends on the learner and on enrolment_open, which staff change
# in the admin: no browser or proxy may keep a copy.
@never_cache
def course_detail(request, course_slug: str):
    course = selectors.course_get_live(course_slug=course_slug)
    if course is None:
        raise Http404("No such course")
    modules = selectors.course_syllabus(course=course)
    enrollment = enrollment_get(user=request.user, course=course)
    context = {
        "course": course,
        "modules": modules,
        "first_module": modules[0] if modules else None,
        "enrollment": enrollment if enrollment is not None and enrollment.is_active else None,
        "total_minutes": sum(m.estimated_minutes for m in modules),
        "exercise_total": sum(m.exercise_count for m in modules),
    }
    return render(request, "courseware/course_detail.html", context)


def module_detail(request, course_slug: str, module_slug: str):
    module = selectors.module_get_live(course_slug=course_slug, module_slug=module_slug)
    if module is None:
        raise Http404("No such module")
    siblings = selectors.module_siblings(module=module)
    index = next(i for i, m in enumerate(siblings) if m.pk == module.pk)
    questions = selectors.module_questions(
        module=module, user=request.user, session=_session_if_started(request)
    )
    context = {
        "course": module.course,
        "module": module,
        "modules": siblings,
        "position": index + 1,
        "previous_module": siblings[index - 1] if index > 0 else None,
        "next_module": siblings[index + 1] if index + 1 < len(siblings) else None,
        "body_parts": selectors.module_body_parts(module=module, questions=questions),
        "questions": questions,
        "exercises": selectors.module_exercises(module=module),
        "has_maths": "math-inline" in module.body_html or "math-display" in module.body_html,
    }
    return render(request, "courseware/module_detail.html", context)


def _session_if_started(request):
    # Reading the session of a visitor without a session cookie would cost nothing, but
    # skipping it keeps anonymous module pages free of session look-ups.
    return request.session if request.session.session_key else None


@require_POST
def question_check(request, course_slug: str, module_slug: str, question_key: str):
    """Grade a knowledge-check answer. htmx gets the answered block back to swap in;
    a plain form post is redirected to the question on the module page."""
    question = selectors.question_get_live(
        course_slug=course_slug, module_slug=module_slug, key=question_key
    )
    if question is None:
        raise Http404("No such question")
    module = question.module
    error = ""
    try:
        question.answer = services.question_answer(
            user=request.user,
            question=question,
            selected=request.POST.getlist("choice"),
            session=request.session,
        )
    except services.InvalidAnswer as exc:
        question.answer = None
        error = str(exc)
    if is_htmx(request):
        context = {
            "question": question,
            "course": module.course,
            "module": module,
            "error": error,
            "announce": True,
        }
        return render(request, "courseware/includes/question.html", context)
    if error:
        messages.error(request, error)
    return redirect(f"{module.get_absolute_url()}#q-{question.key}")
