"""Catalogue, course landing and module pages: content, enrolment state, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courseware.models import Course
from enrollment.services import enrollment_create
from tests.courseware.content.tree import sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODULE_URL = "/courses/alpha/first-steps/"


def add_modules(tree, count: int) -> None:
    for number in range(3, 3 + count):
        tree.module("alpha", f"{number:02d}-extra-{number}")
    sync()


def test_catalogue_lists_programmes_with_level_hours_and_module_count(client, synced):
    html = client.get("/courses/").content.decode()
    assert "Alpha Course" in html and "Beta Course" in html
    assert html.index("Alpha Course") < html.index("Beta Course")
    card = html[html.index("Alpha Course") : html.index("Beta Course")]
    assert "Beginner" in card and "About 10 hours" in card
    assert re.search(r"<dt>Modules</dt><dd>2</dd>", card)
    assert '<meta name="description" content="Certificate programmes' in html


def test_retired_courses_leave_the_catalogue(client, synced):
    Course.objects.filter(slug="beta").update(is_retired=True)
    html = client.get("/courses/").content.decode()
    assert "Beta Course" not in html
    assert client.get("/courses/beta/").status_code == 404


def test_course_page_shows_summary_outcomes_syllabus_careers_and_enrol_now(client, synced):
    response = client.get("/courses/alpha/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Alpha Course · " in html
    assert '<meta name="description" content="A short summary of the course.">' in html
    assert '<meta property="og:title" content="Alpha Course">' in html
    assert "do a useful thing" in html and "Data scientist" in html
    assert html.index("First steps") < html.index("Next steps")
    assert "30 minutes" in html
    assert 'href="/courses/alpha/enrol/"' in html and "Enrol Now" in html
    assert "Enrolment is closed" not in html
    assert "no-store" in response["Cache-Control"]


def test_course_page_shows_closed_notice_without_button(client, synced):
    Course.objects.filter(slug="alpha").update(enrolment_open=False)
    html = client.get("/courses/alpha/").content.decode()
    assert "Enrolment is closed" in html
    assert "Enrol Now" not in html and "/courses/alpha/enrol/" not in html


def test_enrolled_learner_sees_continue(client, synced):
    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get(slug="alpha"))
    client.force_login(user)
    html = client.get("/courses/alpha/").content.decode()
    assert "Enrol Now" not in html
    assert re.search(r'href="/courses/alpha/first-steps/">Continue</a>', html)


def test_module_page_has_lesson_toc_navigation_and_module_list(client, synced):
    response = client.get("/courses/alpha/next-steps/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Next steps · Alpha Course · " in html
    assert '<meta name="description" content="What the module next-steps is about.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<h2 id="first-heading">First heading</h2>' in html
    assert 'aria-labelledby="toc-heading"' in html and 'href="#second-heading"' in html
    assert 'rel="prev"' in html and 'href="/courses/alpha/first-steps/"' in html
    assert 'rel="next"' not in html  # last module
    assert 'aria-current="page"' in html and "Module 2 of 2" in html
    assert "Add two numbers" not in html  # its exercise belongs to first-steps


def test_module_page_lists_exercises_under_practise(client, synced):
    html = client.get(MODULE_URL).content.decode()
    practise = html[html.index('id="practise"') :]
    assert "Add two numbers" in practise and "2 points" in practise


def test_module_page_loads_katex_and_htmx_only_when_needed(client, synced, tree):
    html = client.get(MODULE_URL).content.decode()
    assert "vendor/katex/katex.min.js" in html and "vendor/htmx/htmx.min.js" in html
    assert "vendor/katex" not in client.get("/courses/alpha/").content.decode()
    tree.module("alpha", "02-next-steps", body="Plain text, no maths and no quiz.\n")
    sync()
    html = client.get("/courses/alpha/next-steps/").content.decode()
    assert "vendor/katex" not in html and "vendor/htmx" not in html


def test_reading_needs_no_account(client, synced):
    assert client.get(MODULE_URL).status_code == 200
    assert client.get("/courses/alpha/no-such-module/").status_code == 404


def test_sitemap_lists_courses_and_modules(client, synced):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/courses/alpha/", "/courses/beta/", MODULE_URL, "/courses/beta/basics/"):
        assert f"{path}</loc>" in xml


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_catalogue_query_count_is_constant(client, synced, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/courses/")
    add_modules(synced, 6)
    with django_assert_num_queries(1):
        client.get("/courses/")


def test_course_page_query_count_is_constant(client, synced, django_assert_num_queries):
    # The course, then its syllabus with exercise and question counts.
    with django_assert_num_queries(2):
        client.get("/courses/alpha/")
    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get(slug="alpha"))
    client.force_login(user)
    before = count_queries(client, "/courses/alpha/")
    add_modules(synced, 6)
    assert count_queries(client, "/courses/alpha/") == before
    client.logout()
    with django_assert_num_queries(2):
        client.get("/courses/alpha/")


def test_module_page_query_count_is_constant(
    client, synced, django_assert_num_queries, django_assert_max_num_queries
):
    # The module with its course, sibling modules, questions, exercises.
    with django_assert_num_queries(4):
        client.get(MODULE_URL)
    client.force_login(UserFactory())
    before = count_queries(client, MODULE_URL)
    add_modules(synced, 6)
    assert count_queries(client, MODULE_URL) == before
    with django_assert_max_num_queries(10):  # + session, user, the learner's own answers
        client.get(MODULE_URL)
    client.logout()
    with django_assert_num_queries(4):
        client.get(MODULE_URL)
