"""The Celery application.

Configuration lives in Django settings under the ``CELERY_`` prefix (see
``config/settings/base.py``). Without ``REDIS_URL`` tasks run eagerly in-process,
so a laptop needs no broker; with it, workers consume the queues named there.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("coursesite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
