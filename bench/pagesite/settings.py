"""Production settings with the benchmark's URLs (the site plus a bare view).

Static files use plain storage, so the benchmark needs no collectstatic run; it only
requests HTML, and looking a name up in the hashed manifest costs about the same.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pagesite.urls"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
