"""Posts are signed with a person's name, never the local part of a staff email."""

import pytest

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_a_staff_author_without_a_name_signs_as_the_team_not_admin(client, make_post):
    admin_user = StaffFactory(email="admin@example.com", full_name="", is_superuser=True)
    post = make_post(author=admin_user)
    for path in (post.get_absolute_url(), "/blog/"):
        html = client.get(path).content.decode()
        assert "By The Model Craft Academy team" in html and "By admin" not in html
    feed = client.get("/blog/feed/").content.decode()
    assert "The Model Craft Academy team" in feed and ">admin<" not in feed


def test_a_staff_author_with_a_name_signs_with_it(client, make_post):
    author = StaffFactory(email="admin@example.com", full_name="Grace Hopper")
    html = client.get(make_post(author=author).get_absolute_url()).content.decode()
    assert "By Grace Hopper" in html
    assert '<meta property="article:author" content="Grace Hopper">' in html


def test_first_and_last_names_count_as_a_name(client, make_post):
    author = StaffFactory(
        email="admin@example.com", full_name="", first_name="Alan", last_name="Kay"
    )
    html = client.get(make_post(author=author).get_absolute_url()).content.decode()
    assert "By Alan Kay" in html
