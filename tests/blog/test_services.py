import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from blog import selectors, services
from blog.models import DEFAULT_DISCLAIMER, BlogSettings, Post, Tag
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_post_write_renders_sanitised_html_and_reading_time(make_post):
    post = make_post(body="Hello <script>alert(1)</script>\n\n" + "word " * 658)
    post.refresh_from_db()
    assert "<script" not in post.body_html and post.body_html.startswith("<p>Hello")
    assert post.reading_minutes == 3  # 659 words at 220 a minute, rounded up
    assert post.reading_time == "3 min read"


def test_reading_time_is_at_least_one_minute(make_post):
    assert make_post(body="Short.").reading_time == "1 min read"


def test_author_defaults_to_the_editor(editor):
    post = Post(title="T", slug="t", summary="s", body="b", status=Post.Status.DRAFT)
    services.post_write(post=post, editor=editor)
    assert post.author == editor


def test_published_without_a_time_is_published_now(make_post):
    before = timezone.now()
    post = make_post(publish_at=None)
    assert post.status == Post.Status.PUBLISHED and post.publish_at >= before


def test_published_with_a_future_time_is_stored_as_scheduled(make_post):
    post = make_post(publish_at=timezone.now() + dt.timedelta(hours=2))
    assert post.status == Post.Status.SCHEDULED


def test_scheduled_post_appears_by_itself_at_its_time(make_post):
    at = timezone.now() + dt.timedelta(hours=2)
    post = make_post(status=Post.Status.SCHEDULED, publish_at=at)
    assert not Post.objects.published().filter(pk=post.pk).exists()
    assert not post.is_visible()
    # Nothing is run in between: only the clock moves.
    later = at + dt.timedelta(seconds=1)
    assert Post.objects.published(now=later).filter(pk=post.pk).exists()
    assert post.is_visible(now=later)


def test_drafts_are_never_published_whatever_their_time(make_post):
    post = make_post(status=Post.Status.DRAFT, publish_at=timezone.now() - dt.timedelta(days=3))
    assert not Post.objects.published().filter(pk=post.pk).exists()


def test_publish_and_unpublish(make_post, editor):
    post = make_post(status=Post.Status.DRAFT, publish_at=None)
    assert services.post_publish(post=post, editor=editor) is True
    assert Post.objects.published().filter(pk=post.pk).exists()
    assert services.post_publish(post=post, editor=editor) is False  # already public
    assert services.post_unpublish(post=post, editor=editor) is True
    assert not Post.objects.published().filter(pk=post.pk).exists()
    assert services.post_unpublish(post=post, editor=editor) is False


def test_publishing_a_scheduled_post_makes_it_public_now(make_post, editor):
    post = make_post(status=Post.Status.SCHEDULED, publish_at=timezone.now() + dt.timedelta(days=1))
    services.post_publish(post=post, editor=editor)
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.publish_at <= timezone.now()


def test_republishing_keeps_the_original_date(make_post, editor):
    original = timezone.now() - dt.timedelta(days=30)
    post = make_post(publish_at=original)
    assert services.post_publish(post=post, editor=editor) is False
    post.refresh_from_db()
    assert post.publish_at == original


def test_staff_without_blog_permissions_cannot_write_or_publish(make_post):
    outsider = StaffFactory()
    post = make_post(status=Post.Status.DRAFT, publish_at=None)
    with pytest.raises(PermissionDenied):
        services.post_write(post=post, editor=outsider)
    with pytest.raises(PermissionDenied):
        services.post_publish(post=post, editor=outsider)
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT


def test_a_view_is_counted_once_per_session(make_post):
    post = make_post()
    session = SessionStore()
    assert services.post_view_record(post=post, session=session) is True
    assert services.post_view_record(post=post, session=session) is False
    assert services.post_view_record(post=post, session=SessionStore()) is True
    post.refresh_from_db()
    assert post.view_count == 2


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_bots_are_not_counted(make_post, user_agent):
    post = make_post()
    assert (
        services.post_view_record(post=post, session=SessionStore(), user_agent=user_agent) is False
    )
    post.refresh_from_db()
    assert post.view_count == 0


def test_browsers_are_counted():
    ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"
    assert not services.is_bot(ua)


def test_blog_settings_default_disclaimer_and_cache_invalidation(django_assert_num_queries):
    assert selectors.blog_settings_get().disclaimer == DEFAULT_DISCLAIMER
    with django_assert_num_queries(0):
        selectors.blog_settings_get()  # served from the cache
    row = BlogSettings.objects.get()
    row.disclaimer = "Opinions are our own."
    services.blog_settings_save(blog_settings=row)
    assert selectors.blog_settings_get().disclaimer == "Opinions are our own."
    assert BlogSettings.objects.count() == 1


def test_tag_get_or_create_makes_one_tag_per_slug():
    first = services.tag_get_or_create(name="Model Evaluation")
    again = services.tag_get_or_create(name="model evaluation")
    assert again.pk == first.pk
    assert (first.slug, first.name) == ("model-evaluation", "Model Evaluation")
    assert Tag.objects.count() == 1


def test_a_migrated_database_already_has_the_settings_row():
    assert BlogSettings.objects.get().disclaimer == DEFAULT_DISCLAIMER


def test_reading_the_settings_never_writes_them():
    BlogSettings.objects.all().delete()
    assert selectors.blog_settings_get().disclaimer == DEFAULT_DISCLAIMER
    assert not BlogSettings.objects.exists()
    BlogSettings.objects.create(disclaimer="Saved later.")
    assert selectors.blog_settings_get().disclaimer == "Saved later."  # the default was not cached


def test_the_settings_migration_keeps_a_row_that_already_exists():
    migration = import_module("blog.migrations.0002_blogsettings_row")
    BlogSettings.objects.update(disclaimer="Edited before the upgrade.")
    migration.blog_settings_create(django_apps, None)
    assert BlogSettings.objects.get().disclaimer == "Edited before the upgrade."
