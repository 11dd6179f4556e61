"""Settings for the test suite. DATABASE_URL and REDIS_URL are honoured, so CI runs on
PostgreSQL and Redis while a laptop runs on SQLite and local memory."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashing passwords fast keeps sign-up tests quick; nothing here is a real password.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_RATE_LIMITS = False
# Tasks run in-process unless a test starts a real worker and switches this off
# (tests/courseware/test_pipeline_worker.py); the cache still uses REDIS_URL when set.
CELERY_TASK_ALWAYS_EAGER = True
GRADING_IN_PROCESS = True
# Lesson figures are drawn once per version of a lesson's code and kept across test runs
# (a name holds the hash of what drew it, so a kept figure is never stale).
FIGURES_ROOT = Path(tempfile.gettempdir()) / f"coursesite-test-figures-{os.getuid()}"
