"""The results page and the header's search box."""

import pytest
from django.urls import reverse

from search.selectors import MAX_QUERY_LENGTH
from tests.factories import ModuleFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def indexed(db):
    from search import services

    module = ModuleFactory(
        title="Kernel methods",
        body_html='<h2 id="the-kernel-trick">The kernel trick</h2><p>Inner products.</p>',
    )
    services.curriculum_index_sync()
    return module


def test_the_header_on_every_page_has_a_labelled_search_form(client):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in html and 'method="get"' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'role="search"' in html and f'maxlength="{MAX_QUERY_LENGTH}"' in html


def test_results_show_type_title_breadcrumb_and_a_highlighted_snippet(client, indexed):
    response = client.get(URL, {"q": "kernel trick"})
    html = response.content.decode()
    assert "<title>Search results for “kernel trick” · " in html
    assert f'href="{indexed.get_absolute_url()}#the-kernel-trick"' in html
    assert "The <mark>kernel</mark> <mark>trick</mark>" in html
    assert '<span class="badge badge-info">Lesson</span>' in html
    assert "Kernel methods" in html  # the breadcrumb names the module
    assert "1 result." in html
    assert 'name="robots" content="noindex"' in html


def test_the_query_is_escaped_wherever_it_is_shown(client, indexed):
    html = client.get(URL, {"q": '<img src=x onerror="alert(1)">'}).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_an_empty_query_invites_a_search(client, indexed):
    for params in ({}, {"q": ""}, {"q": "   "}):
        html = client.get(URL, params).content.decode()
        assert "<title>Search · " in html
        assert "Search every lesson section, coding exercise and blog post." in html
        assert "Nothing matches" not in html


def test_no_results_says_so_and_suggests_what_to_do(client, indexed):
    html = client.get(URL, {"q": "zeppelin"}).content.decode()
    assert "Nothing matches “zeppelin”" in html
    assert reverse("courseware:catalogue") in html


def test_too_long_a_query_is_refused_with_a_field_error_and_kept_in_the_box(client, indexed):
    query = "kernel " * 40
    response = client.get(URL, {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html and 'id="search-q-errors"' in html
    assert f"Searches can be up to {MAX_QUERY_LENGTH} characters long" in html
    assert f'value="{query}"' in html
    assert "search-result-title" not in html


def test_a_null_character_is_refused_not_sent_to_the_database(client, indexed):
    response = client.get(URL, {"q": "kernel\x00"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


def test_pages_link_to_each_other_with_the_query(client, db):
    from search import services

    for n in range(12):
        ModuleFactory(body_html=f'<h2 id="s{n}">Kernels {n}</h2><p>Text.</p>')
    services.curriculum_index_sync()
    html = client.get(URL, {"q": "kernels", "page": "2"}).content.decode()
    assert "<title>Search results for “kernels” (page 2) · " in html
    assert '<ol class="search-results" start="11">' in html
    assert 'href="?q=kernels&amp;page=1" rel="prev"' in html
    assert "12 results, page 2 of 2." in html
    # A page that is not a number is the first page, not an error.
    assert client.get(URL, {"q": "kernels", "page": "²"}).status_code == 200
