"""Production settings with the benchmarks' URLs (the site plus a bare view).

Static files use plain storage, so the benchmark needs no collectstatic run; it only
requests HTML, and looking a name up in the hashed manifest costs about the same.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pagesite.urls"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The benchmarks serve plain HTTP on 127.0.0.1: cookies marked Secure would never be sent
# back, so signed-in load (bench/load.py) could not stay signed in.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Every simulated learner signs up from 127.0.0.1; a real class comes from many addresses.
ACCOUNT_RATE_LIMITS = False
