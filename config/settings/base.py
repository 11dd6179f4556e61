"""Settings shared by every environment, read from the environment with django-environ.

``local`` (development), ``test`` and ``production`` import this and change only
what differs. Anything not obvious carries a comment or a link.
"""

import hashlib
import tempfile
from pathlib import Path

import environ
from csp.constants import NONCE

from ._derive import cache_and_celery_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Secure by default: only local/test turn DEBUG on.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# No default here: each settings module decides (production requires it).
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = "Model Craft Academy"
# Absolute links in emails sent by background tasks (no request to take the host from).
# Pages, feeds and sitemaps use the request's own host instead.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # First, so that its createsuperuser (the email is the login) wins over Django's.
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
    "allauth",
    "allauth.account",
    "csp",
    "courseware",
    "enrollment",
    "blog",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# Content-Security-Policy, sent by every environment and enforced (django-csp 4.x format:
# https://django-csp.readthedocs.io/en/latest/configuration.html). The site has no inline
# script or <style> element and loads nothing from another origin, the admin neither, so
# scripts, styles, fonts, images and requests come from this origin only; no plugins,
# no <base>, no framing, forms post here only. The one allowance is style *attributes*:
# lessons' MathML carries a few (spacing such as margin-left:-0.17em), each filtered by
# the sanitiser to an allow-list of properties (authoring.html); CSS in an attribute can
# run no script, select nothing on the page and, under img-src and font-src 'self',
# fetch nothing from elsewhere. CSP_REPORT_URI, when set, receives violation reports.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # CodeMirror (the exercise editor) writes its styles into a <style> element:
        # allowed only with this response's nonce, which the editor's script tag carries.
        "style-src-elem": ["'self'", NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "report-uri": env("CSP_REPORT_URI", default="") or None,
    },
}

ROOT_URLCONF = "config.urls"
# Widgets render through TEMPLATES, so templates/ can override one (the admin's split
# date/time widget, templates/admin/widgets/, gets labels).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "enrollment.context_processors.enrolling_course",
            ],
        },
    },
]

# DATABASE_URL: postgres://user:pass@host:5432/name in production; a SQLite file by default.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse connections for a minute; health checks drop ones the server closed.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: email is the login; https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# "optional" lets learners start at once; set ACCOUNT_EMAIL_VERIFICATION=mandatory to require it.
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
# allauth's forms in the site's words; sign-up also asks for the certificate name (optional).
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "login": "accounts.forms.LoginForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/dashboard/"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Model Craft Academy <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Where the curriculum lives (Markdown modules and exercise folders).
CONTENT_DIR = env.path("CONTENT_DIR", default=BASE_DIR / "content")
# Lesson figures, drawn by sync_content from the lessons' own code (authoring/figures.py)
# and served at FIGURES_URL under names that hold a hash of what drew them. A deployment
# with several web hosts runs sync_content on each (a figure already drawn is found and
# not drawn again) or puts this directory on storage they share.
FIGURES_ROOT = env.path("FIGURES_ROOT", default=BASE_DIR / "var" / "figures")
FIGURES_URL = "/figures/"
# DEVELOPMENT ONLY: grade learner code with no sandbox at all (grader/ logs a loud warning).
GRADER_UNSAFE_NO_SANDBOX = env.bool("GRADER_UNSAFE_NO_SANDBOX", default=False)

# Redis is both cache and broker when REDIS_URL is set; see _derive.cache_and_celery_settings.
REDIS_URL = env("REDIS_URL", default="")
# Without Redis, the content version lives in a directory of this machine's temp dir,
# one per checkout, so every process of this checkout shares it.
_VERSION_DIR = (
    Path(tempfile.gettempdir())
    / f"coursesite-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}"
    / "content-version"
)
_cache_and_celery = cache_and_celery_settings(REDIS_URL, version_dir=_VERSION_DIR)
CACHES = _cache_and_celery["CACHES"]
CELERY_BROKER_URL = _cache_and_celery["CELERY_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = _cache_and_celery["CELERY_TASK_ALWAYS_EAGER"]
# Eager mode raises task errors in the caller, as a worker would log them.
CELERY_TASK_EAGER_PROPAGATES = True
# Grading in the web process (no workers): a missing sandbox then becomes a stored error
# the learner can read, because there is no worker to hand the submission back to.
GRADING_IN_PROCESS = env.bool("GRADING_IN_PROCESS", default=CELERY_TASK_ALWAYS_EAGER)
# Warm sandboxes (grader/pool.py, sized by the GRADER_POOL_* variables): every Celery
# worker process keeps a pool of its own; grading in the web process keeps none unless
# this is on (README, "Warm sandboxes").
GRADING_POOL_IN_PROCESS = env.bool("GRADING_POOL_IN_PROCESS", default=False)
# Only JSON crosses the broker: tasks take ids, never pickled objects.
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Wait at most a few seconds for the broker, so a Redis outage cannot hang a request.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Grading safety (https://docs.celeryq.dev/en/stable/userguide/tasks.html#Task.acks_late):
# acknowledge a task only after it finished, and hand it back if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A worker takes one task at a time, so a slow grade never holds others hostage.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"courseware.tasks.grade_submission": {"queue": "grading"}}
# Redis redelivers a task whose worker vanished after this long; it must exceed the
# longest task (the hard time limit below). The sweep catches anything sooner.
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = 300
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-submissions": {
        "task": "courseware.tasks.sweep_submissions",
        "schedule": 60.0,
    },
}

# Grading pipeline limits (the sandbox's own limits live in the grader's settings).
GRADING_SOFT_TIME_LIMIT = env.int("GRADING_SOFT_TIME_LIMIT", default=60)
GRADING_HARD_TIME_LIMIT = env.int("GRADING_HARD_TIME_LIMIT", default=90)
# A submission still queued or running after this many seconds is queued again.
GRADING_STALE_QUEUED_SECONDS = env.int("GRADING_STALE_QUEUED_SECONDS", default=60)
GRADING_STALE_RUNNING_SECONDS = env.int("GRADING_STALE_RUNNING_SECONDS", default=150)
# A submission delivered this many times without a stored result (its worker died, a
# time limit, a crash) ends as error instead of being graded again; hand-backs because
# no sandbox could be made do not count.
GRADING_MAX_DELIVERIES = env.int("GRADING_MAX_DELIVERIES", default=5)
SUBMISSION_MAX_CODE_BYTES = env.int("SUBMISSION_MAX_CODE_BYTES", default=64 * 1024)
# Per learner, each within its own window of SUBMISSION_RATE_WINDOW_SECONDS: at most this
# many submissions (graded attempts) ...
SUBMISSION_RATE_LIMIT = env.int("SUBMISSION_RATE_LIMIT", default=10)
# ... and this many "Run visible tests" runs: free for the learner, but each still costs
# a sandbox, so they have a limit of their own, more generous, that never uses up
# submissions. The exercise page states both.
SUBMISSION_RUN_RATE_LIMIT = env.int("SUBMISSION_RUN_RATE_LIMIT", default=30)
SUBMISSION_RATE_WINDOW_SECONDS = env.int("SUBMISSION_RATE_WINDOW_SECONDS", default=60)
# At most this many of a learner's submissions and runs may wait (queued or running) at
# once, so one learner cannot fill the grading queue; the page disables its buttons
# while one waits, so only scripts meet it.
SUBMISSION_MAX_PENDING = env.int("SUBMISSION_MAX_PENDING", default=3)
# Draft saves (the editor saves about a second after the learner stops typing): a
# cheap cache counter per learner, so a script cannot hammer the database.
DRAFT_SAVE_RATE_LIMIT = env.int("DRAFT_SAVE_RATE_LIMIT", default=120)
DRAFT_SAVE_RATE_WINDOW_SECONDS = env.int("DRAFT_SAVE_RATE_WINDOW_SECONDS", default=60)
# The module page reports the section being read (for Resume) at most every few
# seconds; this caps the writes per learner per minute whatever a script sends.
READING_POSITION_RATE_LIMIT = env.int("READING_POSITION_RATE_LIMIT", default=20)

# A failed CSRF check gets a page in the site's layout, and htmx requests a small
# "sign in again" message for the panel they target, instead of Django's bare 403.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Reading pages (courseware.caching): how long a cached page or fragment is kept. Keys
# carry the content version, so this bounds memory, not staleness.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 * 60)

# Results on screen at once (courseware.live): the page's request for news about a
# queued or running submission waits up to LIVE_WAIT_SECONDS for it (0: answer at once,
# the page polls), reading the database again every LIVE_RECHECK_SECONDS in case an
# announcement was lost; at most LIVE_MAX_WAITERS such requests wait at a time,
# site-wide, and LIVE_MAX_WAITERS_PER_LEARNER for one learner (as many as may have
# submissions pending). Keep the wait under gunicorn's --timeout and any proxy's idle
# timeout, and the cap under the web servers' total threads.
LIVE_WAIT_SECONDS = env.float("LIVE_WAIT_SECONDS", default=10)
LIVE_RECHECK_SECONDS = env.float("LIVE_RECHECK_SECONDS", default=1)
LIVE_MAX_WAITERS = env.int("LIVE_MAX_WAITERS", default=8)
LIVE_MAX_WAITERS_PER_LEARNER = env.int("LIVE_MAX_WAITERS_PER_LEARNER", default=3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
