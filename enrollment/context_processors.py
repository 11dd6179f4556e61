"""Names the course a visitor is enrolling in on the sign-up and sign-in pages."""

import re

from courseware.models import Course

_ENROL_NEXT = re.compile(r"^/courses/(?P<slug>[-a-zA-Z0-9_]+)/enrol/$")


def enrolling_course(request):
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    match = _ENROL_NEXT.match(next_url)
    if not match or not request.path.startswith("/accounts/"):
        return {}
    course = Course.objects.live().filter(slug=match["slug"]).only("title", "slug").first()
    return {"enrolling_course": course} if course else {}
