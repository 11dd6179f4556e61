"""Pure functions that turn environment values into settings.

They are kept apart from the settings modules so that tests can check each
behaviour (SQLite default, eager Celery without Redis) without reloading Django.
"""

from __future__ import annotations

from typing import Any


def cache_and_celery_settings(redis_url: str) -> dict[str, Any]:
    """Cache and Celery broker settings for a Redis URL, or the in-process fallback.

    With Redis, it is both the Django cache and the Celery broker. Without it, the
    cache is local memory and Celery runs each task eagerly, in the calling process,
    so a single ``runserver`` grades submissions with no other service.
    """
    if redis_url:
        return {
            "CACHES": {
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": redis_url,
                    "TIMEOUT": 300,
                }
            },
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": False,
        }
    return {
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "coursesite",
            }
        },
        "CELERY_BROKER_URL": "memory://",
        "CELERY_TASK_ALWAYS_EAGER": True,
    }
