"""The one sanitiser both the curriculum and the blog publish through."""

import pytest

from authoring.html import markdown_new, plain_text, sanitise, wrap_tables

REL = "noopener nofollow"


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>a<script>alert(1)</script>b</p>", ["<script", "alert"]),
        ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>", ["script", "evil.example"]),
        ("<style>body { display: none }</style>", ["<style", "display"]),
        ('<iframe src="https://evil.example">fallback</iframe>', ["iframe", "fallback"]),
        ("<object data=x>fallback</object><embed src=x>", ["object", "embed", "fallback"]),
        ("<noscript>hidden</noscript><template>hidden</template>", ["noscript", "hidden"]),
        ('<img src="x.png" onerror="alert(1)">', ["onerror", "alert"]),
        ('<p onclick="steal()" onmouseover="steal()">hi</p>', ["onclick", "onmouseover"]),
        ("<svg onload=alert(1)><circle r=1 /></svg>", ["<svg", "onload"]),
        ('<a href="javascript:alert(1)">x</a>', ["javascript", "alert"]),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript", "alert"]),
        ('<a href="&#106;avascript:alert(1)">x</a>', ["avascript", "alert"]),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', ["data:"]),
        ('<form action="https://evil.example"><input name="pw"></form>', ["<form", "<input"]),
        ('<div style="position:fixed">x</div>', ["style="]),
        ("<!-- a comment --><p>x</p>", ["<!--", "comment"]),
    ],
)
@pytest.mark.parametrize("external_rel", [None, REL])
def test_hostile_markup_is_removed(dirty, forbidden, external_rel):
    clean = sanitise(dirty, external_rel=external_rel).lower()
    for fragment in forbidden:
        assert fragment.lower() not in clean


def test_allowed_markup_survives():
    html = (
        '<h2 id="a" class="x">T</h2><p><strong>b</strong> <code>c</code> '
        '<a href="/courses/" title="t">in</a> <img src="/m.png" alt="m"></p>'
        '<table><tbody><tr><td align="right">1</td></tr></tbody></table>'
    )
    assert sanitise(html) == html


def test_external_links_get_the_rel_and_others_do_not():
    html = sanitise(
        '<a href="https://example.org/a">out</a> <a href="//cdn.example/x">cdn</a> '
        '<a href="/blog/">in</a> <a href="#top">top</a> <a href="mailto:a@b.c">m</a>',
        external_rel=REL,
    )
    assert f'<a href="https://example.org/a" rel="{REL}">out</a>' in html
    assert f'<a href="//cdn.example/x" rel="{REL}">cdn</a>' in html
    assert '<a href="/blog/">in</a>' in html and '<a href="#top">top</a>' in html
    assert '<a href="mailto:a@b.c">m</a>' in html


def test_without_external_rel_links_are_left_as_written():
    assert sanitise('<a href="https://example.org">x</a>') == '<a href="https://example.org">x</a>'


def test_raw_html_cannot_bring_its_own_rel_or_target():
    html = sanitise(
        '<a href="https://x.example" rel="opener" target="_blank">x</a>', external_rel=REL
    )
    assert html == f'<a href="https://x.example" rel="{REL}">x</a>'


def test_wrap_tables_makes_every_table_scrollable():
    assert wrap_tables("<table><tr></tr></table><p>x</p><table></table>") == (
        '<div class="table-wrap"><table><tr></tr></table></div><p>x</p>'
        '<div class="table-wrap"><table></table></div>'
    )


def test_plain_text_is_what_a_reader_sees_on_one_line():
    assert plain_text("<p>Fish &amp; <em>chips</em></p>\n<script>x()</script><p>now</p>") == (
        "Fish & chips now"
    )


def test_shared_markdown_setup_highlights_code_tables_and_anchors():
    html = markdown_new().convert("## A heading\n\n| a |\n|--:|\n| 1 |\n\n```python\nx = 1\n```\n")
    assert '<h2 id="a-heading">' in html
    assert '<td align="right">1</td>' in html
    assert '<div class="highlight">' in html


def test_extra_extensions_are_added_to_the_shared_ones():
    text = "!!! note\n    Careful.\n\n| a |\n|---|\n| 1 |\n"
    assert "admonition" not in markdown_new().convert(text)
    html = markdown_new("admonition").convert(text)
    assert '<div class="admonition note">' in html and "<table>" in html
