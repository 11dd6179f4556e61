"""The one selector, on whichever database the suite runs on (SQLite on a laptop,
PostgreSQL in CI): ranking, highlighting, escaping, visibility and paging."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from blog import services as blog_services
from blog.models import Post
from search import selectors, services
from search.selectors import search_results
from tests.factories import ExerciseFactory, ModuleFactory, TeachingExerciseFactory

pytestmark = pytest.mark.django_db

LESSON = (
    "<p>This module is about fitting models.</p>"
    '<h2 id="regularisation">Regularisation</h2>'
    "<p>Penalties keep weights small. Later sections come back to it.</p>"
    '<h2 id="validation-curves">Validation curves</h2>'
    "<p>A curve of score against strength; regularisation appears here too, and "
    "regularisation again, and regularisation once more, to tempt a naive ranking.</p>"
    '<h3 id="reading-the-curve">Reading the curve</h3><p>Look for the peak.</p>'
)


def titles(query: str, **kwargs) -> list[str]:
    return [str(r.title_html) for r in search_results(query=query, **kwargs).results]


def test_a_term_in_a_sections_heading_ranks_that_section_first(make_module):
    make_module(LESSON)
    found = search_results(query="regularisation")
    first = found.results[0]
    assert first.title_html == "<mark>Regularisation</mark>"
    assert first.kind == "section" and first.kind_label == "Lesson"
    assert found.total == 2  # the section and the one that mentions it


def test_a_section_result_links_to_its_heading_and_says_where_it_sits(make_module):
    module = make_module(LESSON)
    result = search_results(query="peak").results[0]
    assert result.url == f"{module.get_absolute_url()}#reading-the-curve"
    assert result.breadcrumb == (
        f"{module.course.title} › Module {module.order}: {module.title} › Validation curves"
    )
    assert "<mark>peak</mark>" in result.snippet_html
    assert 'id="reading-the-curve"' in module.body_html  # the page has that anchor


def test_an_introduction_links_to_the_module_itself(make_module):
    module = make_module(LESSON, summary="Everything about overfitting.")
    result = search_results(query="overfitting").results[0]
    assert result.url == module.get_absolute_url()
    assert result.title_html == module.title


def test_words_are_stemmed_and_all_required(make_module):
    make_module(LESSON)
    assert titles("penalty weight") == ["Regularisation"]
    assert titles("penalties curve") == []


def test_exercises_are_found_by_prompt_but_never_by_hints_or_solutions(db):
    exercise = TeachingExerciseFactory(
        prompt_html="<p>Write a function that normalises a histogram.</p>",
        hints_html=["<p>Think of a zanzibarish trick.</p>"],
        solution_html="<pre><code>quokkasolution = 1</code></pre>",
        explanation_html="<p>The wombatexplained way.</p>",
    )
    services.curriculum_index_sync()
    result = search_results(query="histogram").results[0]
    assert result.kind == "exercise" and result.url == exercise.get_absolute_url()
    for secret in ("zanzibarish", "quokkasolution", "wombatexplained"):
        assert search_results(query=secret).total == 0


def test_a_post_with_a_script_in_it_is_shown_escaped(make_post):
    make_post(
        title="Escaping <script> in templates",
        body="Never write `<script>alert('owned')</script>` into a page unescaped.",
    )
    # Found by the words inside the markup, too: PostgreSQL would skip "<script>...".
    result = search_results(query="script alert").results[0]
    assert result.kind == "post" and result.breadcrumb == "Blog"
    assert "<script" not in result.snippet_html and "<script" not in result.title_html
    assert "<mark>alert</mark>" in result.snippet_html
    unmarked = re.sub(r"</?mark>", "", result.snippet_html)
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in unmarked
    assert re.sub(r"</?mark>", "", result.title_html) == "Escaping &lt;script&gt; in templates"


def test_drafts_are_never_found_and_scheduled_posts_only_from_their_time(make_post):
    make_post(title="Draft about gradients", status=Post.Status.DRAFT, publish_at=None)
    later = timezone.now() + dt.timedelta(days=2)
    make_post(title="Scheduled about gradients", status=Post.Status.SCHEDULED, publish_at=later)
    assert titles("gradients") == []
    on_the_day = later + dt.timedelta(minutes=1)
    assert titles("gradients", now=on_the_day) == ["Scheduled about <mark>gradients</mark>"]


def test_unpublishing_a_post_takes_it_out_of_the_results(make_post):
    post = make_post(title="Backpropagation explained")
    assert titles("backpropagation") == ["<mark>Backpropagation</mark> explained"]
    blog_services.post_unpublish(post=post)
    assert titles("backpropagation") == []
    blog_services.post_publish(post=post)
    assert titles("backpropagation") == ["<mark>Backpropagation</mark> explained"]


def test_editing_a_post_keeps_the_index_current(make_post):
    post = make_post(title="Feature stores", body="Offline and online tables.")
    post.body = "Materialised views and a registry."
    post.title = "Feature registries"
    blog_services.post_write(post=post)
    assert titles("offline") == []
    assert titles("materialised registry") == ["Feature <mark>registries</mark>"]


def test_deleting_a_post_or_a_module_deletes_its_documents(make_post, make_module):
    post = make_post(title="Ephemeral note")
    module = make_module(LESSON)
    post.delete()
    module.exercises.all().delete()
    module.delete()
    assert titles("ephemeral") == [] and titles("regularisation") == []


def test_retired_content_is_not_found(make_module):
    module = make_module(LESSON)
    exercise = ExerciseFactory(module=module, title="Regularise a model")
    services.curriculum_index_sync()
    assert search_results(query="regularisation").total > 0
    assert search_results(query="regularise").total > 0
    module.course.is_retired = True
    module.course.save()
    services.curriculum_index_sync()
    assert search_results(query="regularisation").total == 0
    assert search_results(query="regularise").total == 0
    assert exercise.title not in [r.title_html for r in search_results(query="model").results]


def test_results_come_ten_a_page_and_a_page_past_the_end_shows_the_last(db):
    for n in range(23):
        ModuleFactory(body_html=f'<h2 id="s{n}">Section {n} on kernels</h2><p>Text.</p>')
    services.curriculum_index_sync()
    first = search_results(query="kernels")
    assert (first.total, first.pages, len(first.results)) == (23, 3, 10)
    last = search_results(query="kernels", page=99)
    assert (last.page, len(last.results), last.first_index) == (3, 3, 21)
    every = [
        r.url for page in (1, 2, 3) for r in search_results(query="kernels", page=page).results
    ]
    assert len(set(every)) == 23


def test_counting_stops_at_the_cap(db, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_RESULTS", 12)
    for n in range(15):
        ModuleFactory(body_html=f'<h2 id="s{n}">Kernels {n}</h2><p>Text.</p>')
    services.curriculum_index_sync()
    found = search_results(query="kernels")
    assert found.total == 12 and found.capped and found.pages == 2


def test_an_empty_or_unsearchable_query_finds_nothing_without_error(make_module):
    make_module(LESSON)
    for query in ("", "   ", '"" - ()', "-regularisation", "\x00"):
        assert search_results(query=query).results == []


def test_a_search_costs_two_queries(make_module, django_assert_num_queries):
    make_module(LESSON)
    with django_assert_num_queries(2):  # the capped count, then one page with snippets
        assert search_results(query="regularisation").total == 2
