"""Writes for the blog: saving, publishing and unpublishing posts, counting views,
creating tags and saving the blog settings. The admin and ``load_blog_posts`` both come
through here, so every saved post has sanitised HTML and an up-to-date reading time."""

from __future__ import annotations

import re
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from .models import SETTINGS_CACHE_KEY, BlogSettings, Post, Tag, reading_minutes
from .rendering import render_markdown

VIEWED_SESSION_KEY = "blog_viewed_posts"
# Keep the session small: a visitor who has read this many posts starts over.
VIEWED_SESSION_LIMIT = 500
# Crawlers, link unfurlers, uptime checks and scripted clients that identify themselves.
BOT_USER_AGENT_RE = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|bingpreview|linkpreview|"
    r"lighthouse|pingdom|uptime|feedfetcher|curl/|wget/|python-requests|httpx|go-http-client",
    re.IGNORECASE,
)


def _require_blog_permission(user, action: str) -> None:
    if user is None:
        return  # trusted code: a management command or a test fixture
    if not (user.is_active and user.is_staff and user.has_perm(f"blog.{action}_post")):
        raise PermissionDenied("Only staff with the blog permissions can write posts.")


def post_render(*, post: Post) -> None:
    """Render and sanitise ``post.body`` into ``post.body_html``; compute reading time.

    Changes the instance only; the caller saves it.
    """
    rendered = render_markdown(post.body)
    post.body_html = rendered.html
    post.reading_minutes = reading_minutes(rendered.word_count)


def post_write(*, post: Post, editor=None, now: datetime | None = None) -> Post:
    """Save a post as written in the admin (or by the loader), with derived fields.

    The author defaults to the editor. A post marked published without a time is
    published now; one marked published with a future time is really scheduled, and is
    stored as such so the list in the admin says what the public will see.
    """
    _require_blog_permission(editor, "change" if post.pk else "add")
    now = now or timezone.now()
    if post.author_id is None and editor is not None:
        post.author = editor
    if post.status == Post.Status.PUBLISHED:
        if post.publish_at is None:
            post.publish_at = now
        elif post.publish_at > now:
            post.status = Post.Status.SCHEDULED
    post_render(post=post)
    post.save()
    return post


def post_publish(*, post: Post, editor=None, now: datetime | None = None) -> bool:
    """Make a post public now. Returns False if it already was.

    A draft or a scheduled post gets today's date; a post already public keeps its date.
    """
    _require_blog_permission(editor, "change")
    now = now or timezone.now()
    if post.status == Post.Status.PUBLISHED and post.publish_at and post.publish_at <= now:
        return False
    post.status = Post.Status.PUBLISHED
    post.publish_at = now
    post.save(update_fields=["status", "publish_at", "updated_at"])
    return True


def post_unpublish(*, post: Post, editor=None) -> bool:
    """Take a post (published or scheduled) back to draft. Returns False if it was one."""
    _require_blog_permission(editor, "change")
    if post.status == Post.Status.DRAFT:
        return False
    post.status = Post.Status.DRAFT
    post.save(update_fields=["status", "updated_at"])
    return True


def is_bot(user_agent: str) -> bool:
    return bool(BOT_USER_AGENT_RE.search(user_agent or ""))


def post_view_record(*, post: Post, session, user_agent: str = "") -> bool:
    """Count one view of ``post`` for this visitor session; True if it was counted.

    Counted once per session per post, never for self-declared bots. The increment is a
    single ``UPDATE ... SET view_count = view_count + 1``, so concurrent readers never
    overwrite each other's counts. ``post.view_count`` is refreshed for display.
    """
    if is_bot(user_agent):
        return False
    viewed = list(session.get(VIEWED_SESSION_KEY, []))
    if post.pk in viewed:
        return False
    Post.objects.filter(pk=post.pk).update(view_count=F("view_count") + 1)
    viewed.append(post.pk)
    session[VIEWED_SESSION_KEY] = viewed[-VIEWED_SESSION_LIMIT:]
    post.view_count = Post.objects.values_list("view_count", flat=True).get(pk=post.pk)
    return True


def tag_get_or_create(*, name: str) -> Tag:
    """The tag whose slug comes from ``name``, created with that name on first use."""
    tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return tag


def blog_settings_save(*, blog_settings: BlogSettings) -> BlogSettings:
    """Save the singleton and drop the cached copy (again once the transaction commits,
    so a reader in between cannot cache the old text for good)."""
    blog_settings.pk = BlogSettings.SINGLETON_ID
    blog_settings.save()
    cache.delete(SETTINGS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(SETTINGS_CACHE_KEY))
    return blog_settings
