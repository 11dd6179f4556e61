"""The one sanitiser both the curriculum and the blog publish through."""

import re

import pytest

from authoring.html import (
    code_lines_mark,
    markdown_new,
    mathml_unsupported,
    plain_text,
    sanitise,
    scrollables_mark,
)

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


def test_every_table_is_wrapped_in_a_focusable_region_with_a_numbered_name():
    assert scrollables_mark("<table><tr></tr></table><p>x</p><table></table>") == (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1">'
        "<table><tr></tr></table></div><p>x</p>"
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Table 2">'
        "<table></table></div>"
    )


def test_every_code_block_is_a_focusable_region_with_a_numbered_name():
    html = scrollables_mark(
        '<div class="highlight"><pre><span></span><code>a = 1</code></pre></div>'
        '<p>then <code>b</code></p><pre class="x"><code>b = 2</code></pre>'
    )
    assert html == (
        '<div class="highlight"><pre tabindex="0" role="region" aria-label="Code example 1">'
        "<span></span><code>a = 1</code></pre></div>"
        "<p>then <code>b</code></p>"
        '<pre tabindex="0" role="region" aria-label="Code example 2" class="x">'
        "<code>b = 2</code></pre>"
    )


def test_each_line_of_highlighted_code_is_split_from_its_indentation():
    source = (
        '<div class="highlight"><pre><span></span><code><span class="k">if</span> x:\n'
        '    <span class="n">y</span>\n\n</code></pre></div><pre><code>a\nb</code></pre>'
    )
    html = code_lines_mark(source)
    assert html == (
        '<div class="highlight"><pre><span></span><code>'
        '<span class="code-line"><span class="code-indent"></span>'
        '<span class="code-text"><span class="k">if</span> x:\n</span></span>'
        '<span class="code-line"><span class="code-indent">    </span>'
        '<span class="code-text"><span class="n">y</span>\n</span></span>'
        '<span class="code-line"><span class="code-indent"></span>'
        '<span class="code-text">\n</span></span>'
        "</code></pre></div><pre><code>a\nb</code></pre>"  # not highlighted: left alone
    )
    # The code itself, newlines and spaces included, is what it was: copying copies it.
    assert re.sub(r"<[^>]+>", "", html) == re.sub(r"<[^>]+>", "", source)


def test_authors_cannot_bring_their_own_tab_stops_or_roles():
    # The attributes come from scrollables_mark after sanitising, never from the source.
    html = sanitise('<pre tabindex="5" role="button" aria-label="x"><code>y</code></pre>')
    assert html == "<pre><code>y</code></pre>"


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


MATHML = (
    '<math display="block"><semantics><mrow><mfrac><mn>1</mn><mi>n</mi></mfrac>'
    '<munderover><mo lspace="0">∑</mo><mi>i</mi><mi>n</mi></munderover>'
    '<mover accent="true"><mi>x</mi><mo stretchy="false">ˉ</mo></mover>'
    '<mspace width="0.1667em"></mspace><mspace style="margin-left:-0.1667em"></mspace>'
    "<mtext><code>fit</code></mtext></mrow>"
    '<annotation encoding="application/x-tex">\\frac{1}{n}\\sum \\bar{x}</annotation>'
    "</semantics></math>"
)


def test_mathml_from_the_converter_survives():
    assert sanitise(MATHML) == MATHML


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ('<math><mi onclick="steal()">x</mi></math>', ["onclick"]),
        ('<math><mi href="javascript:alert(1)">x</mi></math>', ["href", "javascript"]),
        ('<math><mrow href="https://evil.example">x</mrow></math>', ["href", "evil"]),
        ("<math><annotation-xml><p onclick=x>y</p></annotation-xml></math>", ["annotation-xml"]),
        ('<math><maction actiontype="statusline">x</maction></math>', ["maction"]),
        ('<math><mglyph src="https://evil.example/x.png"></mglyph></math>', ["mglyph", "evil"]),
        ("<math><mtext><img src=x onerror=alert(1)></mtext></math>", ["onerror", "alert"]),
        ("<math><mtext><style>*{}</style></mtext></math>", ["<style"]),
        (
            '<math><mspace style="position:fixed;background:url(x)"></mspace></math>',
            ["fixed", "url"],
        ),
        ('<span style="color:red">x</span>', ["style="]),  # only MathML may carry style
    ],
)
def test_hostile_mathml_is_removed(dirty, forbidden):
    clean = sanitise(dirty).lower()
    for fragment in forbidden:
        assert fragment.lower() not in clean


def test_mathml_unsupported_names_what_the_allow_list_would_remove():
    assert mathml_unsupported(MATHML) == []
    assert mathml_unsupported(
        '<math><menclose notation="box"><mi onclick="x">x</mi></menclose>'
        '<mtext><a href="#eq">(1)</a></mtext><mrow style="color:red;position:fixed"></mrow></math>'
    ) == [
        "<menclose>",
        'the attribute onclick="x" on <mi>',
        "<a>",
        "the style position:fixed on <mrow>",
    ]


def test_plain_text_reads_a_formula_as_shown_not_as_its_source():
    html = '<p>Scale by <math><semantics><mi>σ</mi><annotation encoding="application/x-tex">\\sigma</annotation></semantics></math>.</p>'
    assert plain_text(html) == "Scale by σ."
