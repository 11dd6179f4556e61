import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import BlogSettings, Post
from blog.services import blog_settings_save
from blog.views import POSTS_PER_PAGE
from tests.factories import CourseFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("blog:post_list")


def test_list_shows_published_posts_newest_first_with_their_details(client, make_post):
    now = timezone.now()
    make_post(title="Older", publish_at=now - dt.timedelta(days=5))
    make_post(title="Newer", publish_at=now - dt.timedelta(days=1), summary="Fresh thoughts.")
    make_post(title="Hidden draft", status=Post.Status.DRAFT)
    make_post(title="Tomorrow", status=Post.Status.SCHEDULED, publish_at=now + dt.timedelta(days=1))
    html = client.get(LIST).content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Hidden draft" not in html and "Tomorrow" not in html
    assert "Fresh thoughts." in html
    assert "By Ada Editor" in html and "1 min read" in html
    # Nobody has read these yet: the cards say nothing about views rather than "0 views".
    assert not re.search(r"\b\d+ views?\b", html)


def test_list_filters_by_tag(client, make_post):
    make_post(title="About careers", tags=["Careers"])
    make_post(title="About metrics", tags=["Evaluation"])
    html = client.get(LIST, {"tag": "careers"}).content.decode()
    assert "About careers" in html and "About metrics" not in html
    assert 'aria-current="page">Careers</a>' in html
    assert client.get(LIST, {"tag": "no-such-tag"}).status_code == 404


def test_list_is_paginated_accessibly(client, make_post):
    for _ in range(POSTS_PER_PAGE + 2):
        make_post()
    first = client.get(LIST).content.decode()
    assert first.count('class="card post-card"') == POSTS_PER_PAGE
    assert 'aria-label="Blog pages"' in first
    assert re.search(r'aria-current="page"><span class="visually-hidden">Page </span>1<', first)
    second = client.get(LIST, {"page": 2}).content.decode()
    assert second.count('class="card post-card"') == 2
    assert client.get(LIST, {"page": 3}).status_code == 404


@pytest.mark.parametrize("posts", [1, 8])
def test_list_query_count_does_not_grow_with_posts(
    client, make_post, posts, django_assert_num_queries
):
    for i in range(posts):
        make_post(tags=["Careers", f"Topic{i}"])
    # count, posts with authors, their tags, the tags in use for the filter
    with django_assert_num_queries(4):
        response = client.get(LIST)
    assert response.status_code == 200


def test_detail_shows_the_post_disclaimer_reading_time_views_and_back_link(client, make_post):
    post = make_post(title="Skills", body="Plain **words** here.")
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<h1 id="post-title">Skills</h1>' in html
    assert "<strong>words</strong>" in html
    assert "1 min read" in html and "1 view<" in html
    assert "By Ada Editor" in html
    assert "educational purposes" in html  # the default disclaimer
    assert f'href="{LIST}"><span aria-hidden="true">←</span> Back to Blog</a>' in html


def test_detail_links_to_enrol_in_the_related_course(client, make_post):
    course = CourseFactory()
    post = make_post(related_course=course)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Ready to take the next step?" in html
    enrol = reverse("enrollment:enrol", kwargs={"course_slug": course.slug})
    assert re.search(rf'href="{enrol}">Enrol Now', html)


def test_detail_without_a_course_points_at_the_catalogue(client, make_post):
    html = client.get(make_post().get_absolute_url()).content.decode()
    assert "Ready to take the next step?" in html and reverse("courseware:catalogue") in html


def test_detail_carries_open_graph_article_tags(client, make_post):
    post = make_post(title="OG title", summary="OG summary", tags=["Careers"])
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="OG title">' in html
    assert '<meta property="og:description" content="OG summary">' in html
    assert '<meta property="article:tag" content="Careers">' in html
    assert 'property="article:published_time"' in html


def test_disclaimer_edited_by_staff_appears_on_every_post(client, make_post):
    post = make_post()
    client.get(post.get_absolute_url())  # caches the default
    row = BlogSettings.objects.get()
    row.disclaimer = "Views are the author's own. Not advice."
    blog_settings_save(blog_settings=row)
    assert "Not advice." in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Post.Status.DRAFT},
        {"status": Post.Status.SCHEDULED, "publish_at_delta": dt.timedelta(hours=1)},
        {"status": Post.Status.PUBLISHED, "publish_at_delta": dt.timedelta(days=2)},
    ],
    ids=["draft", "scheduled-future", "published-future"],
)
def test_drafts_and_future_posts_are_404_for_the_public(client, make_post, fields):
    delta = fields.pop("publish_at_delta", None)
    if delta:
        fields["publish_at"] = timezone.now() + delta
    post = make_post(**fields)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(post.get_absolute_url()).status_code == 404  # staff use preview


def test_views_are_counted_once_per_session_and_not_for_bots(client, make_post):
    post = make_post()
    url = post.get_absolute_url()
    client.get(url)
    client.get(url)
    client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    post.refresh_from_db()
    assert post.view_count == 1


def test_preview_is_for_staff_with_blog_permissions_only(client, make_post, editor):
    post = make_post(status=Post.Status.DRAFT, title="Secret draft")
    url = post.get_preview_url()
    assert client.get(url).status_code == 302  # anonymous: to the admin login
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302  # not staff
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 403  # staff without blog permissions
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret draft" in html and "Preview." in html and 'content="noindex, nofollow"' in html
    post.refresh_from_db()
    assert post.view_count == 0  # previews never count


def test_feed_lists_public_posts_only(client, make_post):
    make_post(title="In the feed", summary="Feed summary", tags=["Careers"])
    make_post(title="Draft post", status=Post.Status.DRAFT)
    response = client.get(reverse("blog:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "<title>In the feed</title>" in xml and "Feed summary" in xml
    assert "<category>Careers</category>" in xml and "Ada Editor" in xml
    assert "Draft post" not in xml


def test_sitemap_lists_public_posts_only(client, make_post):
    public = make_post()
    draft = make_post(status=Post.Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in xml and draft.get_absolute_url() not in xml


def test_a_post_names_one_canonical_address_without_its_query_string(client, make_post):
    post = make_post()
    html = client.get(f"{post.get_absolute_url()}?utm_source=feed").content.decode()
    assert html.count('rel="canonical"') == 1
    assert f'<link rel="canonical" href="http://testserver{post.get_absolute_url()}">' in html
