"""Snippets are escaped before they are marked; learners' queries cannot become FTS5
syntax. No database."""

import pytest

from search.engines import fts5_query
from search.highlight import MARK_START as S
from search.highlight import MARK_STOP as E
from search.highlight import TAG_GUARD, index_text, marked_html


def test_text_is_escaped_and_only_the_markers_become_mark_elements():
    html = marked_html(f'<script>alert("x")</script> and {S}models{E} & <b>')
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and <mark>models</mark> &amp; &lt;b&gt;"
    )


def test_the_guard_that_keeps_markup_like_text_indexed_never_shows():
    stored = index_text(f"List<int> and <script>{S}")
    assert stored == f"List<{TAG_GUARD}int> and <{TAG_GUARD}script>"
    assert marked_html(stored) == "List&lt;int&gt; and &lt;script&gt;"


def test_marks_never_dangle_nest_or_stay_empty():
    assert marked_html(f"{S}cut off") == "<mark>cut off</mark>"
    assert marked_html(f"stray{E} end") == "stray end"
    assert marked_html(f"{S}a{S}b{E}c{E}") == "<mark>ab</mark>c"
    assert marked_html(f"x{S}{E}y") == "xy"


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("cross validation", '"cross" AND "validation"'),
        ('"data leakage" split', '"data leakage" AND "split"'),
        ("precision or recall", '("precision" OR "recall")'),
        ("tuning -grid", '"tuning" NOT "grid"'),
        ("fit_transform", '"fit_transform"'),
        ('a" OR NEAR(b) *c', '("a" OR "NEAR b") AND "c"'),
        ("-only -negatives", ""),
        ("!!! ???", ""),
        ("or", ""),
    ],
)
def test_what_a_learner_types_becomes_quoted_fts5_terms(typed, expression):
    assert fts5_query(typed) == expression


def test_a_cut_headline_says_so_at_the_end_it_was_cut():
    from search.engines import _with_ellipses

    body = index_text("One <b> two three four five six.")
    assert _with_ellipses(f"{S}One{E} <{TAG_GUARD}b> two", body) == f"{S}One{E} <{TAG_GUARD}b> two…"
    assert _with_ellipses(f"four {S}five{E} six.", body) == f"…four {S}five{E} six."
    assert _with_ellipses(f"{S}One{E} <{TAG_GUARD}b> two three four five six.", body) == (
        f"{S}One{E} <{TAG_GUARD}b> two three four five six."
    )
