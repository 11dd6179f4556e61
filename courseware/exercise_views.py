"""The exercise page: prompt, editor, live results and attempt history.

Works without JavaScript (a plain form and redirects); with htmx the result appears
in place and polls until graded; with the bundled CodeMirror the textarea becomes an
editor. Learners see only their own submissions.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from enrollment.selectors import enrollment_get

from . import grading, submission_selectors
from .models import Submission
from .views import is_htmx


def _exercise_or_404(course_slug: str, exercise_slug: str):
    exercise = submission_selectors.exercise_get_live(
        course_slug=course_slug, exercise_slug=exercise_slug
    )
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def _page_context(request, exercise, *, submission=None, code=None, form_error=""):
    user = request.user
    enrollment = enrollment_get(user=user, course=exercise.course)
    history = []
    best = None
    if user.is_authenticated:
        history = submission_selectors.submission_history(user=user, exercise=exercise)
        finished = [s for s in history if s.is_finished and s.score is not None]
        best = max(finished, key=lambda s: s.score, default=None)
        if submission is None and "reset" not in request.GET:
            submission = submission_selectors.submission_latest(user=user, exercise=exercise)
    if code is None:
        code = exercise.starter_code
        if submission is not None and "reset" not in request.GET:
            code = submission.code
    return {
        "course": exercise.course,
        "module": exercise.module,
        "exercise": exercise,
        "enrollment": enrollment,
        "can_submit": enrollment is not None and enrollment.is_active,
        "submission": submission,
        "history": history,
        "best": best,
        "code": code,
        "form_error": form_error,
    }


@require_http_methods(["GET", "POST"])
def exercise_detail(request, course_slug: str, exercise_slug: str):
    exercise = _exercise_or_404(course_slug, exercise_slug)

    if request.method == "GET":
        submission = None
        if request.user.is_authenticated and request.GET.get("submission", "").isdigit():
            submission = submission_selectors.submission_get_own(
                user=request.user, exercise=exercise, submission_id=int(request.GET["submission"])
            )
        return render(
            request,
            "courseware/exercise_detail.html",
            _page_context(request, exercise, submission=submission),
        )

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    code = request.POST.get("code", "")
    enrollment = enrollment_get(user=request.user, course=exercise.course)
    if enrollment is None or not enrollment.is_active:
        error = "Enrol in this course to have your code graded. Your code is still in the editor."
        status = 403
    else:
        kind = (
            Submission.Kind.RUN if request.POST.get("action") == "run" else Submission.Kind.SUBMIT
        )
        try:
            submission = grading.submission_create(
                user=request.user, exercise=exercise, code=code, kind=kind
            )
        except grading.RateLimited as exc:
            error, status = str(exc), 429
        except grading.SubmissionRefused as exc:
            error, status = str(exc), 400
        else:
            if is_htmx(request):
                return render(
                    request,
                    "courseware/includes/submission_result.html",
                    {
                        "submission": submission,
                        "exercise": exercise,
                        "course": exercise.course,
                        "history_oob": True,
                        "history": submission_selectors.submission_history(
                            user=request.user, exercise=exercise
                        ),
                    },
                )
            url = reverse(
                "exercises:detail",
                kwargs={"course_slug": course_slug, "exercise_slug": exercise_slug},
            )
            return redirect(f"{url}?submission={submission.pk}#result")

    if is_htmx(request):
        # htmx swaps only 2xx responses by default; the message is the content.
        return render(request, "courseware/includes/submission_refused.html", {"form_error": error})
    messages.error(request, error)
    context = _page_context(request, exercise, code=code, form_error=error)
    return render(request, "courseware/exercise_detail.html", context, status=status)


@require_GET
def submission_status(request, course_slug: str, exercise_slug: str, submission_id: int):
    """The result fragment htmx polls while a submission is queued or running."""
    exercise = _exercise_or_404(course_slug, exercise_slug)
    if not request.user.is_authenticated:
        raise Http404("No such submission")
    submission = submission_selectors.submission_get_own(
        user=request.user, exercise=exercise, submission_id=submission_id
    )
    if submission is None:
        raise Http404("No such submission")
    if not is_htmx(request):
        url = reverse(
            "exercises:detail", kwargs={"course_slug": course_slug, "exercise_slug": exercise_slug}
        )
        return redirect(f"{url}?submission={submission.pk}#result")
    context = {"submission": submission, "exercise": exercise, "course": exercise.course}
    if submission.is_finished:
        context["history_oob"] = True
        context["history"] = submission_selectors.submission_history(
            user=request.user, exercise=exercise
        )
    return render(request, "courseware/includes/submission_result.html", context)
