"""The Celery application.

Configuration lives in Django settings under the ``CELERY_`` prefix (see
``config/settings/base.py``). Without ``REDIS_URL`` tasks run eagerly in-process,
so a laptop needs no broker; with it, workers consume the queues named there.

``celery -A config worker`` with no ``DJANGO_SETTINGS_MODULE`` loads the production
settings, as ``config.wsgi`` and ``config.asgi`` do: a worker started without it must
refuse to run without a secret key rather than grade with development settings
(``make worker`` asks for the local ones explicitly).

Each worker child process keeps its own pool of warm sandboxes (``grader.pool``), started
when the child starts and stopped when it exits; see README, "Warm sandboxes", for how
that multiplies with ``--concurrency``.
"""

import os

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("coursesite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _start_warm_sandboxes(**kwargs):
    from courseware import grader_adapter

    grader_adapter.pool_start()


@worker_process_shutdown.connect
def _stop_warm_sandboxes(**kwargs):
    from courseware import grader_adapter

    grader_adapter.pool_stop()
