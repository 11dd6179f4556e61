"""The site's URLs and a bare view: the cost of Django itself, as the baseline."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def bare_sized(request, size: int):
    """The bare view with a body as large as a page: what moving the bytes costs."""
    return HttpResponse(b"x" * min(size, 4_000_000), content_type="text/html")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/bare/<int:size>/", bare_sized, name="bench_bare_sized"),
    *site_urlpatterns,
]
