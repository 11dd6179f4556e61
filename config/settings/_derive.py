"""Pure functions that turn environment values into settings.

They are kept apart from the settings modules so that tests can check each
behaviour (SQLite default, eager Celery without Redis) without reloading Django.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# In front of Redis, each process keeps the cached pages and fragments it served last in
# its own memory: a page-cache hit then costs one small read of the content version, not
# a 100 KB transfer. Keys carry the version, so nothing stale can be read from here.
READING_LOCAL = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "reading-local",
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 500},
}


def cache_and_celery_settings(redis_url: str, *, version_dir: Path) -> dict[str, Any]:
    """Cache and Celery broker settings for a Redis URL, or the in-process fallback.

    With Redis, it is both the Django cache and the Celery broker. Without it, the
    cache is local memory and Celery runs each task eagerly, in the calling process,
    so a single ``runserver`` grades submissions with no other service.

    The ``content_version`` cache holds one small key that every cached page and
    fragment is keyed by (``courseware.caching``). It must be shared by every process
    that serves pages or changes content: with Redis it is Redis; without, a directory
    on this machine (``version_dir``), so a ``sync_content`` run in another terminal
    reaches a running ``make run`` server at once, which local memory could not.
    """
    if redis_url:
        redis = {
            # Django's Redis cache, one client per pool (see config/redis_cache.py).
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": redis_url,
            "TIMEOUT": 300,
        }
        return {
            "CACHES": {
                "default": redis,
                "content_version": {**redis, "TIMEOUT": None},
                "reading_local": READING_LOCAL,
            },
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": False,
        }
    return {
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "coursesite",
                # Cached pages and fragments are keyed by content version, so old ones
                # are only ever evicted, never served; room for a whole curriculum.
                "OPTIONS": {"MAX_ENTRIES": 2000},
            },
            "content_version": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(version_dir),
                "TIMEOUT": None,
            },
            # "default" is already this process's memory: nothing to put in front of it.
            "reading_local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        },
        "CELERY_BROKER_URL": "memory://",
        "CELERY_TASK_ALWAYS_EAGER": True,
    }
