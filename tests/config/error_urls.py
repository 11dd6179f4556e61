"""URLs for the error-page tests: the site's own, plus one view that fails."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a fault for the 500 page test")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
