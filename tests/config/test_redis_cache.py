"""config.redis_cache: Django's Redis cache with one client per connection pool."""

import os
import threading

import pytest
from django.core.cache.backends.redis import RedisCacheClient

from config.redis_cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (set REDIS_URL), as in CI")


def _cache():
    return RedisCache(REDIS_URL or "redis://127.0.0.1:6379/0", {"KEY_PREFIX": "redis-cache-test"})


def test_one_client_serves_every_operation():
    cache = _cache()
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client() is first  # one server: reads use the same pool
    # Django's own client makes a new one each time, which is what this saves.
    plain = RedisCacheClient([REDIS_URL or "redis://127.0.0.1:6379/0"])
    assert plain.get_client() is not plain.get_client()


@needs_redis
def test_it_is_a_working_cache_shared_by_threads():
    cache = _cache()
    cache.set("greeting", "hello", timeout=30)
    seen, errors = [], []

    def work(n):
        try:
            cache.set(f"n{n}", n, timeout=30)
            seen.append((cache.get("greeting"), cache.get(f"n{n}")))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(seen) == sorted(("hello", n) for n in range(16))
    assert cache.get_many(["greeting", "n3"]) == {"greeting": "hello", "n3": 3}
    assert cache.incr("n3") == 4
    cache.delete_many(["greeting", *(f"n{n}" for n in range(16))])
    assert cache.get("greeting") is None
