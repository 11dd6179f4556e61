"""/healthz: is every dependency this process needs reachable?

The body is public (load balancers and uptime checks call it without credentials), so it
says only what is up or down, never why: exception messages name internal hosts, ports
and database names. The reason goes to the log, with the exception, for operators.
It also names the bubblewrap this process would grade with (its source and version, see
:mod:`grader.bwrap`); that is information, not a check, because web processes behind a
broker never grade. Workers can differ: ``manage.py grade`` says which one they use.
"""

from __future__ import annotations

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = "healthz:probe"
    value = str(time.monotonic())
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return the value just written")


def _check_broker() -> None:
    from config.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


def dependency_checks() -> dict:
    """The checks to run. The broker is checked only when one is configured."""
    checks = {"database": _check_database, "cache": _check_cache}
    if settings.REDIS_URL:
        checks["broker"] = _check_broker
    return checks


@never_cache
def healthz(request):
    results = {}
    healthy = True
    for name, check in dependency_checks().items():
        started = time.perf_counter()
        try:
            check()
        except Exception:  # any failure means "down"; only the log says why
            healthy = False
            logger.exception("healthz: the %s is down", name)
            results[name] = {"ok": False}
        else:
            results[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    body = {"status": "ok" if healthy else "unavailable", "checks": results}
    body["sandbox"] = sandbox_info()
    return JsonResponse(body, status=200 if healthy else 503)


def sandbox_info() -> dict:
    """Which bwrap grading would use here ("system", "bundled", "GRADER_BWRAP" or "none")."""
    from grader import bwrap

    found = bwrap.describe()
    if "error" in found:
        _warn_once(f"healthz: no sandbox for grading here: {found['error']}")
        return {"bwrap": "none"}
    return {"bwrap": found["source"], "version": found["version"]}


@functools.cache
def _warn_once(message: str) -> None:
    """Load balancers call /healthz every few seconds: say a lasting fact once a process."""
    logger.warning(message)
