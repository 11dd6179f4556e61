import datetime as dt
import itertools

import pytest
from django.utils import timezone

from blog import services as blog_services
from blog.models import Post
from courseware.models import Module
from search import services
from tests.factories import ModuleFactory, StaffFactory

_numbers = itertools.count(1)


@pytest.fixture
def make_post(db):
    """Write a post through the blog's service, as the admin does; public a day ago
    unless told otherwise."""
    author = StaffFactory()

    def make(**fields) -> Post:
        n = next(_numbers)
        fields.setdefault("title", f"Post {n}")
        fields.setdefault("slug", f"post-{n}")
        fields.setdefault("summary", f"Summary of post {n}.")
        fields.setdefault("body", "Some words about models.")
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - dt.timedelta(days=1))
        fields.setdefault("author", author)
        return blog_services.post_write(post=Post(**fields))

    return make


@pytest.fixture
def make_module(db):
    """A module with this lesson HTML (as sync_content stores it), then the index synced
    as sync_content would."""

    def make(body_html: str, **fields) -> Module:
        module = ModuleFactory(body_html=body_html, **fields)
        services.curriculum_index_sync()
        return module

    return make
