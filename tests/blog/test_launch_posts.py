from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from blog.models import Post, Tag
from blog.rendering import render_markdown
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db
LAUNCH = {
    "skills-an-ml-engineer-actually-uses": "ml-model-development",
    "choosing-an-evaluation-metric-you-can-defend": "advanced-ml-optimisation",
    "from-notebook-to-production": "ml-model-development",
}


def _load() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_blog_posts", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_launch_posts_load_published_and_linked_to_their_programmes():
    for slug in set(LAUNCH.values()):
        CourseFactory(slug=slug, title=slug)
    out, err = _load()
    assert "3 created" in out and err == ""
    for slug, course_slug in LAUNCH.items():
        post = Post.objects.published().get(slug=slug)
        assert post.related_course.slug == course_slug
        assert post.author.display_name == "Editorial team"
        assert post.author.is_staff and not post.author.has_usable_password()
        assert post.tags.exists() and post.body_html and post.reading_minutes >= 4


def test_loading_again_changes_nothing_and_keeps_status_and_views():
    _load()
    post = Post.objects.get(slug="from-notebook-to-production")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT, view_count=41)
    out, _ = _load()
    assert "0 created, 0 updated, 3 unchanged" in out
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT and post.view_count == 41
    assert Post.objects.count() == 3


def test_missing_programme_is_skipped_with_a_warning():
    out, err = _load()
    assert "3 created" in out
    assert "course 'ml-model-development' is not loaded" in err
    assert Post.objects.filter(related_course__isnull=True).count() == 3


def test_invalid_front_matter_is_reported_and_nothing_is_loaded(tmp_path, settings):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "bad.md").write_text("---\ntitle: No slug\n---\nBody\n")
    settings.CONTENT_DIR = tmp_path
    with pytest.raises(CommandError):
        _load()
    assert not Post.objects.exists()


@pytest.mark.parametrize("slug", LAUNCH)
def test_launch_articles_are_full_length(slug):
    text = (Path(settings.CONTENT_DIR) / "blog" / f"{slug}.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert 900 <= render_markdown(body).word_count <= 1500


def test_posts_are_signed_by_one_staff_author_and_tags_are_shared():
    _load()
    authors = {post.author_id for post in Post.objects.all()}
    assert len(authors) == 1
    assert Tag.objects.filter(slug="careers").get().posts.count() == 2


def test_an_author_address_held_by_a_learner_stops_the_load():
    UserFactory(email="editorial-team@staff.invalid")
    with pytest.raises(CommandError, match="not staff"):
        _load()
    assert not Post.objects.exists()
