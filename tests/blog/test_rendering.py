import pytest

from blog.rendering import render_markdown


@pytest.mark.parametrize(
    "markdown, forbidden",
    [
        ("Hello <script>alert('x')</script> world", ["<script", "alert("]),
        ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>", ["<script", "evil.example"]),
        ('<img src="x.png" onerror="alert(1)">', ["onerror", "alert"]),
        ('<p onclick="steal()" onmouseover="steal()">hi</p>', ["onclick", "onmouseover", "steal"]),
        ("<svg onload=alert(1)><circle r=1 /></svg>", ["<svg", "onload"]),
        ("[click](javascript:alert(1))", ["javascript:", "alert"]),
        ("[click](JaVaScRiPt:alert(1))", ["javascript:", "alert"]),
        ('<a href="&#106;avascript:alert(1)">x</a>', ["avascript", "alert"]),
        ("![pixel](data:image/svg+xml;base64,PHN2Zz4=)", ["data:"]),
        ('<iframe src="https://evil.example"></iframe>', ["<iframe", "evil.example"]),
        ("<style>body { display: none }</style>", ["<style", "display"]),
        ('<form action="https://evil.example"><input name="pw"></form>', ["<form", "<input"]),
        ('<div style="position:fixed">x</div>', ["style="]),
        ("<!-- hidden --><object data=x></object>", ["<!--", "<object"]),
    ],
)
def test_hostile_markdown_is_sanitised(markdown, forbidden):
    html = render_markdown(markdown).html.lower()
    for fragment in forbidden:
        assert fragment.lower() not in html


def test_ordinary_markdown_survives_sanitising():
    html = render_markdown(
        "## Why it matters\n\nUse **bold**, `code` and [the docs](/courses/).\n\n"
        "| a | b |\n|---|--:|\n| 1 | 2 |\n\n```python\nx = '<b>'\n```\n"
    ).html
    assert '<h2 id="why-it-matters">Why it matters</h2>' in html
    assert "<strong>bold</strong>" in html
    assert '<a href="/courses/">the docs</a>' in html
    assert '<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1"><table>' in html
    assert "&lt;b&gt;" in html  # code is escaped, not interpreted


def test_external_links_get_noopener_nofollow_and_internal_links_do_not():
    html = render_markdown(
        "[out](https://example.org/a) and [in](/blog/) and [m](mailto:a@b.c)"
    ).html
    assert '<a href="https://example.org/a" rel="noopener nofollow">out</a>' in html
    assert '<a href="/blog/">in</a>' in html
    assert '<a href="mailto:a@b.c">m</a>' in html


def test_raw_html_cannot_smuggle_its_own_rel_or_target():
    html = render_markdown('<a href="https://x.example" rel="opener" target="_blank">x</a>').html
    assert html.count("rel=") == 1 and 'rel="noopener nofollow"' in html
    assert "target=" not in html


def test_word_count_ignores_markup():
    assert render_markdown("# Title\n\nOne *two* [three](/x/) `four`").word_count == 5
