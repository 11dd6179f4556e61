"""Catalogue, course landing, module and exercise pages; knowledge-check answers and
code submissions.

All lesson HTML was rendered at sync time; these views only fetch rows (a fixed number
of queries per page) and hand them to templates. Visitors are served the catalogue,
course and module pages from the page cache, everyone else from fragments cached per
content version (``caching``, ``reading``) with their own state rendered around them.
The exercise page works without JavaScript (a plain form and redirects); with htmx the
result appears in place, and the page's request for news waits until the result is
stored (``courseware.live``); with the bundled CodeMirror the textarea becomes an
editor, whose draft ``static/js/exercise.js`` saves as the learner types.

htmx requests from a learner whose session has ended get a small "sign in again"
message for the result panel (``includes/session_ended.html``), never the login page.
"""

import dataclasses
from pathlib import Path

from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from authoring.figures import NAME_RE
from config.ids import parse_id
from enrollment.selectors import course_finish_get, learner_course

from . import caching, live, reading, selectors, services, written_services
from .models import Submission
from .ticks import ticks_fill


def is_htmx(request) -> bool:
    """Was this request made by htmx (and so wants a fragment, not a page)?"""
    return request.headers.get("HX-Request") == "true"


@caching.page_cache_for_visitors
def catalogue(request):
    courses = selectors.course_list_for_catalogue()
    return render(request, "courseware/catalogue.html", {"courses": courses})


# The Enrol Now button depends on the learner and on enrolment_open, which staff change
# in the admin: visitors get a page cached per content version, which closing or opening
# a course bumps; signed-in readers get their own. No browser or proxy keeps either.
@caching.page_cache_for_visitors(browsers_keep=False)
def course_detail(request, course_slug: str):
    course = selectors.course_get_live(course_slug=course_slug)
    if course is None:
        raise Http404("No such course")
    syllabus = reading.course_syllabus(course=course)
    standing = learner_course(user=request.user, course=course)
    ticks = selectors.learner_ticks(standing) if standing else None
    syllabus = dataclasses.replace(syllabus, html=mark_safe(ticks_fill(syllabus.html, ticks)))
    if standing is not None and (resume := standing.resume_url):
        syllabus = dataclasses.replace(syllabus, first_module_url=resume)  # "Continue"
    context = {
        "course": course,
        "syllabus": syllabus,
        "enrolled": standing is not None,
        "progress": standing.progress if standing else None,
    }
    return render(request, "courseware/course_detail.html", context)


@caching.page_cache_for_visitors
def glossary(request, course_slug: str):
    """The course's glossary: one term per heading, each with its own anchor."""
    course = selectors.course_get_live(course_slug=course_slug)
    if course is None or not course.glossary_url:
        raise Http404("No glossary for this course")
    return render(request, "courseware/glossary.html", {"course": course})


# A signed-in learner's own module page is cached for them too, keyed by their learner
# version (``caching``): everything personal on it (answers, best scores, enrolment,
# completion, their name in the header) bumps that version when it changes.
@caching.page_cache_for_visitors(learners=True)
def module_detail(request, course_slug: str, module_slug: str):
    module = selectors.module_get_live(course_slug=course_slug, module_slug=module_slug)
    if module is None:
        raise Http404("No such module")
    fixed = reading.module_reading(module=module)
    answered = selectors.module_answers(
        module=module, user=request.user, session=_session_if_started(request)
    )
    exercises = reading.module_exercises(fixed, module=module)
    token = _question_csrf_token(request)
    learner = selectors.module_page_for_learner(
        module=module, user=request.user, exercises=exercises
    )
    chrome = {
        name: mark_safe(ticks_fill(html, learner.ticks))  # the learner's ticks, or none
        for name, html in reading.module_chrome(fixed).items()
    }
    context = {
        "course": module.course,
        "module": module,
        "chrome": chrome,
        "lesson": reading.module_lesson(
            fixed, answered=answered, csrf_token=token, user=request.user
        ),
        "questions": fixed.question_keys,
        "learner": learner,
    }
    # A finished course says so on its module pages: one query, only there.
    if context["learner"].course_completed:
        context["course_finish"] = course_finish_get(user=request.user, course=module.course)
    if token:  # every form on the page carries this one token (see caching.csrf_token_for)
        context["csrf_token"] = token
    return render(request, "courseware/module_detail.html", context)


def _session_if_started(request):
    # Reading the session of a visitor without a session cookie would cost nothing, but
    # skipping it keeps anonymous module pages free of session look-ups.
    return request.session if request.session.session_key else None


# Knowledge checks and CSRF. A visitor's answer is written only to their own session
# and is practice that gates nothing, so a forged one could at worst show a visitor a
# verdict for an answer they did not give; their forms carry no token, which is what
# lets a visitor's module page be one cached page for everyone, working with and without
# JavaScript. A signed-in learner's answer is stored against their account, so it is
# CSRF-checked exactly as Django's middleware would, and their pages (never page-cached)
# carry their token. A cross-site post arrives without the session cookie (SameSite),
# so it is a visitor's and reaches no account.
def _question_csrf_token(request) -> str:
    return caching.csrf_token_for(request) if request.user.is_authenticated else ""


def _csrf_rejection(request):
    """Django's CSRF check for this request: None when it passes, else the 403."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


@csrf_exempt
@require_POST
def question_check(request, course_slug: str, module_slug: str, question_key: str):
    """Grade a knowledge-check answer. htmx gets the answered block back to swap in;
    a plain form post is redirected to the question on the module page."""
    if request.user.is_authenticated and (rejection := _csrf_rejection(request)):
        return rejection
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
        question.shown_choices = selectors.question_choices_for(
            question=question, user=request.user
        )
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


def _exercise_or_404(course_slug: str, exercise_slug: str):
    exercise = selectors.exercise_get_live(course_slug=course_slug, exercise_slug=exercise_slug)
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def _rate_limits() -> dict:
    """Both submission limits, for the one line on the page that states them."""
    window = settings.SUBMISSION_RATE_WINDOW_SECONDS
    return {
        "runs": settings.SUBMISSION_RUN_RATE_LIMIT,
        "submissions": settings.SUBMISSION_RATE_LIMIT,
        "per": "a minute" if window == 60 else f"every {window} seconds",
    }


def _exercise_page(
    request,
    exercise,
    *,
    submission_id=None,
    code=None,
    form_error="",
    status=200,
    written_posted=None,
    written_errors=None,
):
    reset = "reset" in request.GET
    learner = selectors.exercise_page_for_learner(
        exercise=exercise, user=request.user, submission_id=submission_id, latest=not reset
    )
    # The code just posted (a refused submission) wins; else the selector's choice.
    code_source = "posted" if code is not None else learner.editor.source
    context = {
        "course": exercise.course,
        "module": exercise.module,
        "exercise": exercise,
        "learner": learner,
        "submission": learner.submission,
        "history": learner.history,
        "code": learner.editor.code if code is None else code,
        "code_source": code_source,
        "form_error": form_error,
        "rate_limits": _rate_limits(),
        "written_parts": selectors.written_parts_for_learner(
            exercise=exercise, user=request.user, posted=written_posted, errors=written_errors
        ),
    }
    if learner.passed:
        context["course_finish"] = course_finish_get(user=request.user, course=exercise.course)
    return render(request, "courseware/exercise_detail.html", context, status=status)


def _session_ended(request, exercise, *, status=401):
    """For htmx, whose swap would otherwise put the whole login page in the result panel:
    a short message with a sign-in link that comes back to this exercise. The learner's
    code stays in the editor, and in the browser's copy of the draft."""
    context = {"next_url": exercise.get_absolute_url(), "signed_in": False}
    response = render(request, "includes/session_ended.html", context, status=status)
    # exercise.js swaps a 401/403 into the panel only when it carries this header.
    response["X-Session-Ended"] = "signed-out"
    return response


def _exercise_url(exercise, submission) -> str:
    return f"{exercise.get_absolute_url()}?submission={submission.pk}#result"


def _result_fragment(request, exercise, submission, *, new=False):
    """The result panel; a new or finished submission also refreshes the history."""
    context = {"submission": submission, "exercise": exercise, "course": exercise.course}
    if new or submission.is_finished:
        context["history_oob"] = True
        context["history"] = selectors.submission_history(user=request.user, exercise=exercise)
    # A finished attempt also updates the best-score badge and, on a pass, says what next.
    context["follow_up"] = selectors.attempt_follow_up(
        user=request.user, exercise=exercise, submission=submission
    )
    if context["follow_up"] and context["follow_up"].next_step:  # this attempt passed
        context["course_finish"] = course_finish_get(user=request.user, course=exercise.course)
    return render(request, "courseware/includes/submission_result.html", context)


@require_http_methods(["GET", "POST"])
def exercise_detail(request, course_slug: str, exercise_slug: str):
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if request.method == "GET":
        submission_id = parse_id(request.GET.get("submission"))
        return _exercise_page(request, exercise, submission_id=submission_id)

    if not request.user.is_authenticated:
        if is_htmx(request):
            return _session_ended(request, exercise)
        return redirect_to_login(request.get_full_path())
    code = request.POST.get("code", "")
    kind = Submission.Kind.RUN if request.POST.get("action") == "run" else Submission.Kind.SUBMIT
    try:
        created = services.submission_create(
            user=request.user, exercise=exercise, code=code, kind=kind
        )
    except services.SubmissionRefused as exc:
        if is_htmx(request):
            # htmx swaps only 2xx responses by default; the message is the content.
            return render(
                request, "courseware/includes/submission_refused.html", {"form_error": str(exc)}
            )
        messages.error(request, str(exc))
        return _exercise_page(
            request, exercise, code=code, form_error=str(exc), status=exc.status_code
        )
    if not is_htmx(request):
        return redirect(_exercise_url(exercise, created))
    # Re-read: in-process grading may already have stored the result.
    submission = selectors.submission_get_own(
        user=request.user, exercise=exercise, submission_id=created.pk
    )
    return _result_fragment(request, exercise, submission, new=True)


@require_POST
def written_submit(request, course_slug: str, exercise_slug: str, key: str):
    """Save one written part (a model card, a memo). A refused post shows the exercise
    page again with the errors beside the field and the learner's text in it."""
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if not any(part["key"] == key for part in exercise.written):
        raise Http404("No such written part")
    anchor = f"{exercise.get_absolute_url()}#written-{key}"
    if not request.user.is_authenticated:
        return redirect_to_login(anchor)
    text = request.POST.get("text", "")
    try:
        written_services.written_save(user=request.user, exercise=exercise, key=key, text=text)
    except written_services.WrittenRefused as exc:
        return _exercise_page(
            request,
            exercise,
            written_posted={key: text},
            written_errors={key: exc.errors},
            status=400,
        )
    messages.success(request, "Saved. Your text is submitted for review.")
    return redirect(anchor)


def _can_hold(request) -> bool:
    """May this request wait? Not in a process that serves one request at a time (a
    gunicorn sync worker says ``wsgi.multithread`` is false), nor under ASGI, where every
    sync view of the process runs in one shared thread (Django's ASGI requests say true,
    but carry their ``scope``)."""
    if hasattr(request, "scope"):
        return False
    return bool(request.META.get("wsgi.multithread"))


@never_cache
@require_GET
def submission_status(request, course_slug: str, exercise_slug: str, submission_id: int):
    """The result fragment the page asks for while a submission is queued or running.

    With ``?shown=<status>`` (what the page shows now) an htmx request waits, up to
    ``LIVE_WAIT_SECONDS``, until the status differs (``courseware.live``), then gets the
    fragment; if nothing changed it gets ``204`` with ``X-Submission-Status`` and
    ``X-Live-Waited`` (``1``: it waited, ask again at once; ``0``: it could not wait,
    ask again after a back-off). Without ``shown`` the fragment comes at once; without
    htmx (no JavaScript) the learner is sent to the exercise page, which shows it.
    """
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if not request.user.is_authenticated:
        if is_htmx(request):
            return _session_ended(request, exercise)
        return redirect_to_login(f"{exercise.get_absolute_url()}?submission={submission_id}")
    shown = request.GET.get("shown", "")
    if is_htmx(request) and shown in Submission.Status.values:
        outcome = live.submission_wait(
            user=request.user,
            exercise_id=exercise.pk,
            submission_id=submission_id,
            shown=shown,
            can_wait=_can_hold(request),
        )
        if outcome.status is None:
            raise Http404("No such submission")
        if outcome.status == shown:
            response = HttpResponse(status=204)
            response["X-Submission-Status"] = outcome.status
            response["X-Live-Waited"] = "1" if outcome.waited else "0"
            return response
    submission = selectors.submission_get_own(
        user=request.user, exercise=exercise, submission_id=submission_id
    )
    if submission is None:
        raise Http404("No such submission")
    if not is_htmx(request):
        return redirect(_exercise_url(exercise, submission))
    return _result_fragment(request, exercise, submission)


# -- hints and the reference solution ------------------------------------------


def _exercise_context(exercise, **extra) -> dict:
    return {"course": exercise.course, "module": exercise.module, "exercise": exercise, **extra}


@require_POST
def hint_reveal(request, course_slug: str, exercise_slug: str):
    """Reveal the next progressive hint. htmx gets the hints block back to swap in; a
    plain form post is redirected to the hints on the exercise page."""
    exercise = _exercise_or_404(course_slug, exercise_slug)
    hints_url = f"{exercise.get_absolute_url()}#hints"
    if not request.user.is_authenticated and not is_htmx(request):
        return redirect_to_login(hints_url)
    wanted = parse_id(request.POST.get("index"))
    error = ""
    if request.user.is_authenticated:
        try:
            services.hint_reveal(
                user=request.user,
                exercise=exercise,
                index=-1 if wanted is None else wanted,
            )
        except services.HintRefused as exc:
            error = str(exc)
    if is_htmx(request):
        # A signed-out learner gets the block that asks them to sign in, not a login page.
        hints = selectors.exercise_hints(exercise=exercise, user=request.user)
        context = _exercise_context(exercise, hints=hints, hint_error=error, announce=True)
        return render(request, "courseware/includes/exercise_hints.html", context)
    if error:
        messages.error(request, error)
    return redirect(hints_url)


@never_cache
@require_GET
def exercise_solution(request, course_slug: str, exercise_slug: str):
    """The reference solution and explanation, for a learner whose best score passes.

    Anyone else is refused with a 404, so the URL tells nothing to those who have not
    passed (signed-out readers are sent to sign in first). htmx gets the block to swap
    into the exercise page; without JavaScript this is a page of its own.
    """
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if not request.user.is_authenticated and not is_htmx(request):
        return redirect_to_login(request.get_full_path())
    if not selectors.exercise_solution_unlocked(exercise=exercise, user=request.user):
        raise Http404("No solution to show")
    if is_htmx(request):
        context = _exercise_context(exercise, solution_state="shown", announce=True)
        return render(request, "courseware/includes/solution.html", context)
    context = _exercise_context(
        exercise, solution_state="shown", next_step=selectors.exercise_next_step(exercise=exercise)
    )
    return render(request, "courseware/exercise_solution.html", context)


def _plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@require_POST
def draft_save(request, course_slug: str, exercise_slug: str):
    """Keep the learner's draft, posted by the editor as they type (form field ``code``).

    204 when saved; 400 (too large, or no code sent) or 429 (saving too often) with a
    plain message and nothing stored; 401 for a visitor, or the sign-in message for htmx.
    Any signed-in learner may keep a draft, enrolled or not.
    """
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if not request.user.is_authenticated:
        if is_htmx(request):
            return _session_ended(request, exercise)
        return _plain("Sign in to keep your code on the server.", 401)
    if "code" not in request.POST:
        return _plain("No code was sent.", 400)
    try:
        services.draft_save(user=request.user, exercise=exercise, code=request.POST["code"])
    except services.DraftRefused as exc:
        response = _plain(str(exc), exc.status_code)
        if isinstance(exc, services.DraftThrottled):
            response["Retry-After"] = str(exc.retry_after)
        return response
    return HttpResponse(status=204)


@require_POST
def draft_discard(request, course_slug: str, exercise_slug: str):
    """Forget the learner's draft: "Reset to starter code", after they confirmed. 204."""
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if not request.user.is_authenticated:
        if is_htmx(request):
            return _session_ended(request, exercise)
        return _plain("Sign in to change your code on the server.", 401)
    services.draft_discard(user=request.user, exercise=exercise)
    return HttpResponse(status=204)


_FIGURE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


@require_safe
@csp_exempt()
def figure_file(request, name: str):
    """A lesson figure drawn by sync_content (authoring/figures.py), served as a static file.

    The name holds a hash of the code that drew it, so a copy never goes stale: browsers and
    proxies may keep it for a year. The figure is an image, never a page: it gets a policy
    of its own that lets its inline styles apply and nothing else load or run.
    """
    if not NAME_RE.match(name):
        raise Http404("No such figure.")
    path = Path(settings.FIGURES_ROOT) / name
    try:
        handle = path.open("rb")
    except OSError:
        raise Http404("No such figure.") from None
    response = FileResponse(handle, content_type=_FIGURE_TYPES[name.rsplit(".", 1)[1]])
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
