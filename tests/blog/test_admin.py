import json
import re
from html import unescape

import pytest
from django.urls import reverse

from blog.models import BlogSettings, Post
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:blog_post_add")
CHANGELIST = reverse("admin:blog_post_changelist")


def _form(**fields):
    data = {
        "title": "Hostile",
        "slug": "hostile",
        "summary": "A summary.",
        "body": 'Hi <script>alert(1)</script> <a href="javascript:alert(2)" onclick="x()">y</a>',
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "cover_alt": "",
        "related_course": "",
    }
    data.update(fields)
    return data


def test_editor_writes_a_post_whose_body_is_sanitised_on_save(client, editor):
    client.force_login(editor)
    form = client.get(ADD).content.decode()
    assert f'<option value="{editor.pk}" selected>' in form  # author defaults to the editor
    response = client.post(ADD, _form(author=editor.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(slug="hostile")
    assert post.author == editor and post.status == Post.Status.DRAFT
    assert "<script" not in post.body_html and "javascript:" not in post.body_html
    assert "onclick" not in post.body_html and post.body_html.startswith("<p>Hi")


def test_slug_is_prefilled_from_the_title(client, editor):
    client.force_login(editor)
    html = client.get(ADD).content.decode()
    found = re.search(r'data-prepopulated-fields="([^"]*)"', html)
    fields = json.loads(unescape(found[1]))
    assert {"id": "#id_slug", "dependency_ids": ["#id_title"]}.items() <= fields[0].items()


def test_changelist_shows_status_author_publish_time_views_and_preview(client, editor, make_post):
    post = make_post(title="Listed", status=Post.Status.DRAFT, publish_at=None)
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    for column in (
        "column-status_label",
        "column-author_name",
        "column-publish_at",
        "column-view_count",
    ):
        assert column in html
    assert post.get_preview_url() in html and "Ada Editor" in html


def test_publish_and_unpublish_actions(client, editor, make_post):
    post = make_post(status=Post.Status.DRAFT, publish_at=None)
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [post.pk]})
    assert Post.objects.published().filter(pk=post.pk).exists()
    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT


def test_staff_without_blog_permissions_cannot_write_posts(client, make_post):
    client.force_login(StaffFactory())
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, _form()).status_code == 403
    assert not Post.objects.filter(slug="hostile").exists()


def test_reserved_slugs_are_refused(client, editor):
    client.force_login(editor)
    response = client.post(ADD, _form(slug="feed", author=editor.pk))
    assert response.status_code == 200 and "reserved" in response.content.decode()


def test_blog_settings_is_a_single_editable_row(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:blog_blogsettings_changelist"))
    change = reverse("admin:blog_blogsettings_change", args=[1])
    assert response.status_code == 302 and response["Location"] == change
    assert client.get(reverse("admin:blog_blogsettings_add")).status_code == 403
    client.post(change, {"disclaimer": "Our own views, for learning only."})
    assert BlogSettings.objects.get().disclaimer == "Our own views, for learning only."
    assert BlogSettings.objects.count() == 1
