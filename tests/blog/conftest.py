import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from blog import services
from blog.models import Post, Tag
from tests.factories import StaffFactory

_slugs = itertools.count(1)
BODY = "## A heading\n\nSome words about models. " * 10


@pytest.fixture
def editor(db):
    """A staff member holding the blog's permissions (not a superuser)."""
    user = StaffFactory(full_name="Ada Editor")
    perms = Permission.objects.filter(content_type__app_label="blog")
    user.user_permissions.add(*perms)
    return type(user).objects.get(pk=user.pk)  # drop the cached permissions


@pytest.fixture
def make_post(editor):
    """Create a post through the service, as the admin does. Published a day ago unless
    told otherwise."""

    def make(**fields) -> Post:
        tags = fields.pop("tags", [])
        n = next(_slugs)
        fields.setdefault("title", f"Post {n}")
        fields.setdefault("slug", f"post-{n}")
        fields.setdefault("summary", f"Summary of post {n}.")
        fields.setdefault("body", BODY)
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - dt.timedelta(days=1))
        fields.setdefault("author", editor)
        post = services.post_write(post=Post(**fields))
        for name in tags:
            tag, _ = Tag.objects.get_or_create(slug=name.lower(), defaults={"name": name})
            post.tags.add(tag)
        return post

    return make
