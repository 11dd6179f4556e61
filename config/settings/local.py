"""Development settings: `make run` uses these. Never use them on a public server."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed, public, development-only key; production.py refuses to start without a real one.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="development-only-insecure-secret-key-do-not-deploy")
# Emails (sign-up confirmation, password reset, certificates) are printed to the console.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

# Static files are served by WhiteNoise straight from the source folders (no
# collectstatic), so `make run` shows a styled site with DEBUG off too, where runserver
# would serve none; it rechecks the folders on each request, so edits show at once.
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded files (blog covers) are served by Django itself on a laptop, debug or not.
SERVE_MEDIA = True
