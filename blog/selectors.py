"""Reads for the blog's pages, feed and sitemap."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from enrollment.models import Certificate, Enrollment

from .models import SETTINGS_CACHE_KEY, BlogSettings, Post, Tag

# The list, feed and sitemap never need the body; leave it in the database.
_LIST_DEFER = ("body", "body_html")


def post_list_published(*, tag: Tag | None = None) -> QuerySet[Post]:
    """Public posts, newest first, with authors and tags loaded in two queries."""
    posts = (
        Post.objects.published()
        .select_related("author")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .defer(*_LIST_DEFER)
        .order_by("-publish_at", "-id")
    )
    if tag is not None:
        posts = posts.filter(tags=tag)
    return posts


def post_get_published(*, slug: str) -> Post:
    """One public post, or 404 (drafts and posts whose time has not come included)."""
    posts = Post.objects.published().select_related("author", "related_course")
    return get_object_or_404(posts.prefetch_related("tags"), slug=slug)


def post_get_for_preview(*, pk: int) -> Post:
    """Any post, whatever its status, for staff to preview."""
    posts = Post.objects.select_related("author", "related_course").prefetch_related("tags")
    return get_object_or_404(posts, pk=pk)


def tag_get(*, slug: str) -> Tag:
    return get_object_or_404(Tag, slug=slug)


def tag_list_in_use() -> QuerySet[Tag]:
    """Tags that at least one public post carries, for the list page's filter."""
    public = Post.objects.published().filter(tags=OuterRef("pk"))
    return Tag.objects.filter(Exists(public)).order_by("name")


def blog_settings_get() -> BlogSettings:
    """The singleton settings row, cached.

    A migration creates the row. Without it (a database emptied by hand or by a test) the
    defaults are shown, unsaved and uncached, so a read never writes.
    """
    blog_settings = cache.get(SETTINGS_CACHE_KEY)
    if blog_settings is None:
        blog_settings = BlogSettings.objects.filter(pk=BlogSettings.SINGLETON_ID).first()
        if blog_settings is None:
            return BlogSettings()
        cache.set(SETTINGS_CACHE_KEY, blog_settings, timeout=None)
    return blog_settings


@dataclass(frozen=True)
class PostCallToAction:
    """Where a post's call to action leads this reader, given their standing in the
    post's course. ``state`` is one of:

    ``enrol`` (a visitor, or a learner who never enrolled), ``rejoin`` (left the course),
    ``continue`` (enrolled, not finished), ``certificate`` (finished, with a certificate
    to show) and ``finished`` (finished; the certificate waits on the dashboard, for
    example for the learner to confirm their name).
    """

    state: str
    certificate: Certificate | None = None


def post_call_to_action(*, user, course) -> PostCallToAction | None:
    """The reader's call to action for ``course`` (None without a live course): a learner
    who completed it is never asked to enrol again. At most two queries, none for
    visitors."""
    if course is None or course.is_retired:
        return None
    if not user.is_authenticated:
        return PostCallToAction("enrol")
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None:
        return PostCallToAction("enrol")
    if enrollment.completed_at is not None:
        certificate = Certificate.objects.filter(
            user=user, course=course, revoked_at__isnull=True
        ).first()
        return PostCallToAction("certificate" if certificate else "finished", certificate)
    if not enrollment.is_active:
        return PostCallToAction("rejoin")
    return PostCallToAction("continue")
