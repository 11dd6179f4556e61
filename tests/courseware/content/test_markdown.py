"""Rendering each Markdown feature, maths as MathML, links and sanitisation."""

from courseware.content.markdown import render


def html_of(text: str, **kwargs) -> str:
    return render(text, **kwargs).html


def test_python_and_py_fences_are_both_highlighted_as_python():
    for lang in ("python", "py"):
        html = html_of(f"```{lang}\nimport numpy as np\ndef f(x):\n    return x\n```\n")
        assert '<div class="highlight">' in html
        assert '<span class="kn">import</span>' in html
        assert '<span class="k">def</span>' in html


def test_code_blocks_can_be_scrolled_by_keyboard_and_are_named_in_order():
    html = html_of("```python\na = 1\n```\n\ntext `inline`\n\n```text\nb\n```\n")
    assert html.count('tabindex="0"') == 2
    assert '<pre tabindex="0" role="region" aria-label="Code example 1">' in html
    assert '<pre tabindex="0" role="region" aria-label="Code example 2">' in html
    assert "<code>inline</code>" in html  # inline code is not a region


def test_other_languages_are_shown_and_unknown_ones_left_plain():
    html = html_of("```sql\nSELECT 1;\n```\n\n```text\n<b>raw</b>\n```\n")
    assert '<span class="k">SELECT</span>' in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html


def test_pipe_tables_with_alignment_are_wrapped_for_scrolling():
    html = html_of("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert '<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1"><table>' in html
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html


def test_headings_get_stable_anchors_and_a_table_of_contents():
    text = "## Bias and variance\n\ntext\n\n### The `fit` method\n\n## Summary\n"
    first, second = render(text), render(text)
    assert '<h2 id="bias-and-variance">' in first.html
    assert '<h3 id="the-fit-method">' in first.html
    assert first.toc_html == second.toc_html
    assert 'href="#bias-and-variance"' in first.toc_html and 'href="#summary"' in first.toc_html
    assert {"bias-and-variance", "the-fit-method", "summary"} <= first.anchors


def test_admonitions():
    text = '!!! note "Remember"\n    Fit on training data.\n\n!!! tip\n    Seed it.\n\n'
    text += "!!! warning\n    Leakage ahead.\n"
    html = html_of(text)
    assert '<div class="admonition note">' in html
    assert '<p class="admonition-title">Remember</p>' in html
    assert '<div class="admonition tip">' in html and '<div class="admonition warning">' in html


def test_footnotes():
    html = html_of("A claim.[^1]\n\n[^1]: The source.\n")
    assert 'class="footnote-ref" href="#fn:1"' in html
    assert '<li id="fn:1">' in html and "The source." in html


def test_maths_becomes_mathml_with_its_latex_kept():
    text = "Inline $x_i * y_i$ and $\\alpha_{j}$.\n\n$$\n\\sum_{i=1}^{n} a_i * b_i\n$$\n"
    rendered = render(text)
    html = rendered.html
    assert rendered.problems == []
    assert html.count("<math>") == 2 and html.count('<math display="block">') == 1
    assert '<div class="math-display"><math display="block">' in html
    assert "<msub><mi>x</mi><mi>i</mi></msub>" in html and "<mi>α</mi>" in html
    assert '<munderover><mo lspace="0">∑</mo>' in html
    assert '<annotation encoding="application/x-tex">x_i * y_i</annotation>' in html
    assert '<annotation encoding="application/x-tex">\\sum_{i=1}^{n} a_i * b_i</annotation>' in html
    # Markdown never saw the maths: no emphasis from *, no raw delimiters left for a script.
    assert "<em>" not in html and "$" not in html and "\\(" not in html


def test_backslash_delimiters_work_like_dollars():
    dollars = render("Let $x^2$ be.\n\n$$y = 1$$\n").html
    backslashes = render("Let \\(x^2\\) be.\n\n\\[y = 1\\]\n").html
    assert dollars == backslashes
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in backslashes


def test_display_maths_inside_a_paragraph_stays_inside_it():
    html = render("Before $$a = b$$ after.").html
    assert html.startswith("<p>Before ")
    assert '<span class="math-display"><math display="block">' in html


def test_maths_with_angle_brackets_is_escaped_not_dropped():
    html = render("When $a < b$ holds.").html
    assert "<mo>&lt;</mo>" in html
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in html


def test_a_formula_and_the_punctuation_it_touches_do_not_break_apart():
    html = render("| law | mean |\n| --- | --- |\n| Binomial($n, p$) | $np$ |\n").html
    assert '<td><span class="math-word">Binomial(<math>' in html
    assert "</math>)</span></td>" in html
    assert "<td><math>" in html  # a formula alone in its cell needs no wrapper


def test_maths_in_headings_reaches_the_table_of_contents():
    rendered = render("## The $\\chi^2$ test\n\ntext\n")
    assert "<msup><mi>χ</mi><mn>2</mn></msup>" in rendered.toc_html


def test_a_formula_that_cannot_be_shown_is_a_problem_on_its_line():
    text = "Fine $x$.\n\nBroken $\\foo{x}$ here.\n\n$$\na = 1 \\\\\n\\frac{1}{\n$$\n"
    rendered = render(text, first_line=7)
    assert rendered.problems == [
        (9, "cannot show the formula '\\foo{x}': Unknown command \"\\foo\""),
        (
            13,  # where the formula ran out
            "cannot show the formula 'a = 1 \\\\ \\frac{1}{': "
            'Expected closing token "}", but reached end of input',
        ),
    ]
    # The source is shown as code, never as half a formula.
    assert '<code class="math-error">\\foo{x}</code>' in rendered.html


def test_a_formula_needing_markup_the_site_does_not_allow_is_a_problem():
    rendered = render("A box $\\boxed{x}$ and a link $\\eqref{eq}$.")
    assert [message for _, message in rendered.problems] == [
        "cannot show the formula '\\boxed{x}': the site cannot show <menclose>, which this "
        "formula needs",
        "cannot show the formula '\\eqref{eq}': the site cannot show <a>, which this formula needs",
    ]


def test_escaped_dollar_is_literal_and_code_is_left_alone():
    html = html_of("It costs \\$5 or \\$10. Use `$PATH` here.\n\n```bash\necho $HOME $x$\n```\n")
    assert "costs $5 or $10." in html
    assert "<code>$PATH</code>" in html
    assert "math" not in html


def test_module_links_become_urls():
    urls = {"02-data.md": "/courses/c/data/"}

    def resolve(href):
        path, _, anchor = href.partition("#")
        return urls[path] + (f"#{anchor}" if anchor else "") if path in urls else None

    html = html_of(
        "See [data](02-data.md#missing-values) and [x](https://example.org).", resolve_link=resolve
    )
    assert '<a href="/courses/c/data/#missing-values">data</a>' in html
    assert '<a href="https://example.org">x</a>' in html


def test_html_is_sanitised():
    text = (
        '<script>alert("x")</script>\n\n'
        '<p onclick="steal()">Hi <a href="javascript:alert(1)">link</a></p>\n\n'
        '<iframe src="https://evil.example"></iframe>\n\n'
        "[click](javascript:alert(2))\n"
    )
    html = html_of(text)
    assert "<script" not in html and 'alert("x")' not in html
    assert "onclick" not in html and "javascript:" not in html
    assert "<iframe" not in html
    assert "Hi" in html


def test_quiz_blocks_become_markers_in_place():
    text = "Before.\n\n```quiz\nid: one\n```\n\nAfter.\n"
    html = html_of(text, quiz_keys=["one"])
    assert html.index("Before.") < html.index("<!--quiz:one-->") < html.index("After.")
    assert "id: one" not in html
