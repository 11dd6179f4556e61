"""View counting under concurrent requests: exactly one increment per session.

SQLite serialises writers, so it cannot show a lost update; this runs against
PostgreSQL (DATABASE_URL=postgres://...), as CI does."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from blog.models import Post

pytestmark = pytest.mark.django_db(transaction=True)

SESSIONS = 24


def test_concurrent_first_visits_each_count_once(make_post):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite serialises every write")
    post = make_post()
    url = post.get_absolute_url()
    start = threading.Barrier(SESSIONS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def visit():
        client = Client()  # a new visitor: its own session
        try:
            start.wait(timeout=30)
            statuses.append(client.get(url).status_code)
            statuses.append(client.get(url).status_code)  # a reload: not counted again
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert statuses == [200] * (2 * SESSIONS)
    assert Post.objects.get(pk=post.pk).view_count == SESSIONS
