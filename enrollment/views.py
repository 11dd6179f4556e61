from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from courseware.models import Course

from . import selectors, services


@login_required
def dashboard(request):
    return render(request, "enrollment/dashboard.html", {})


@require_http_methods(["GET", "POST"])
def enrol(request, course_slug: str):
    """Enrol Now: a confirmation step (GET) and the enrolment itself (POST).

    Anonymous visitors see the course named with sign-up and sign-in links that bring
    them straight back here. The POST is idempotent, so a double click is harmless.
    """
    course = get_object_or_404(Course.objects.live(), slug=course_slug)
    enrollment = selectors.enrollment_get(user=request.user, course=course)
    first_module = selectors.course_first_module(course=course)
    start_url = first_module.get_absolute_url() if first_module else course.get_absolute_url()

    if enrollment is not None and enrollment.is_active:
        if request.method == "POST":
            messages.info(request, f"You are already enrolled in {course.title}.")
        return redirect(start_url)

    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            _, created = services.enrollment_create(user=request.user, course=course)
        except services.EnrollmentClosed:
            messages.error(request, f"{course.title} is not taking new enrolments right now.")
            return redirect(course.get_absolute_url())
        if created:
            messages.success(request, f"Welcome to {course.title}! Here is your first module.")
        else:
            messages.success(
                request, f"Welcome back to {course.title}. Your progress is as you left it."
            )
        return redirect(start_url)

    return render(
        request,
        "enrollment/enrol.html",
        {
            "course": course,
            "enrollment": enrollment,
            "first_module": first_module,
            "closed": not course.enrolment_open and enrollment is None,
        },
    )


@login_required
@require_POST
def leave(request, course_slug: str):
    course = get_object_or_404(Course, slug=course_slug)
    if services.enrollment_leave(user=request.user, course=course):
        messages.info(
            request,
            f"You have left {course.title}. Your progress is kept if you come back.",
        )
    return redirect("enrollment:dashboard")
