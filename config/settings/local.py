"""Development settings: `make run` uses these. Never use them on a public server."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed, public, development-only key; production.py refuses to start without a real one.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="development-only-insecure-secret-key-do-not-deploy")
# Emails (sign-up confirmation, password reset, certificates) are printed to the console.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
