from urllib.parse import urlsplit

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from courseware.selectors import course_list_for_catalogue


def home(request):
    courses = list(course_list_for_catalogue())
    # "Enrol now" enrols in the first programme, the one that starts from the beginning;
    # the enrolment page itself handles signed-out visitors, closed courses and learners
    # already enrolled.
    entry_course = courses[0] if courses else None
    return render(request, "home.html", {"courses": courses, "entry_course": entry_course})


# Personal pages and forms are of no use to a search engine; everything else is public.
ROBOTS_DISALLOW = ("/dashboard/", "/accounts/", "/admin/")


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def robots_txt(request):
    """``/robots.txt``: what crawlers may skip, and where the sitemap is."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _page_to_return_to(request) -> str:
    """Where "sign in" or "back" should lead after a failed form: the exercise itself for
    anything an exercise page sends (its form, draft saves, result polls), else the page
    htmx or the browser says the request came from, else the home page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and {"course_slug", "exercise_slug"} <= match.kwargs.keys():
        kwargs = {key: match.kwargs[key] for key in ("course_slug", "exercise_slug")}
        return reverse("courseware:exercise_detail", kwargs=kwargs)
    for candidate in (request.headers.get("HX-Current-URL"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(candidate)
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("home")


def csrf_failure(request, reason: str = ""):
    """``CSRF_FAILURE_VIEW``: a missing or stale CSRF token.

    htmx requests get the same short message as an ended session, for the panel they
    target (exercise.js swaps it in; the code stays in the editor); other requests get
    a 403 page in the site's layout with a way back. ``reason`` is Django's, for logs
    only: it is not shown to the visitor.
    """
    context = {
        "next_url": _page_to_return_to(request),
        "signed_in": request.user.is_authenticated,
    }
    if request.headers.get("HX-Request") == "true":
        response = render(request, "includes/session_ended.html", context, status=403)
        response["X-Session-Ended"] = "csrf"
        return response
    return render(request, "403_csrf.html", context, status=403)
