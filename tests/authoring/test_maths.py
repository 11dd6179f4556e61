"""LaTeX to MathML: what the converter writes, and how it says a formula cannot be shown."""

import pytest

from authoring.html import mathml_unsupported, sanitise
from authoring.maths import MathsError, mathml_from_tex


def test_inline_and_display_maths():
    assert mathml_from_tex("x^2", display=False).startswith("<math><semantics><msup>")
    assert mathml_from_tex("x^2", display=True).startswith('<math display="block">')


def test_the_latex_source_is_kept_for_copying_and_assistive_tools():
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in mathml_from_tex(
        "a < b", display=False
    )


def test_bold_letters_are_unicode_bold_which_chromium_shows():
    # MathML Core dropped mathvariant="bold"; the mathematical bold letters always work.
    assert "<mi>𝐰</mi>" in mathml_from_tex(r"\mathbf{w}", display=False)


def test_a_bar_accent_uses_a_macron_that_is_drawn_at_text_sizes():
    markup = mathml_from_tex(r"\bar{x}", display=False)
    assert '<mo stretchy="false">ˉ</mo>' in markup and "¯" not in markup


def test_text_in_a_formula_is_escaped():
    markup = mathml_from_tex(r"\text{<script>alert(1)</script>}", display=False)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert sanitise(markup) == markup


@pytest.mark.parametrize(
    ("tex", "message", "offset"),
    [
        (r"\frac{1}{", 'Expected closing token "}", but reached end of input', 9),
        (r"x + \foo", 'Unknown command "\\foo"', 4),
        ("a & b", 'Found "&", which may only appear in a table-like environment', 2),
        (r"\boxed{x}", "the site cannot show <menclose>, which this formula needs", 0),
        (r"\eqref{a}", "the site cannot show <a>, which this formula needs", 0),
    ],
)
def test_a_formula_that_cannot_be_shown_raises_with_where_it_went_wrong(tex, message, offset):
    with pytest.raises(MathsError) as raised:
        mathml_from_tex(tex, display=False)
    assert raised.value.message == message
    assert raised.value.offset == offset


def test_everything_the_curriculum_needs_is_on_the_allow_list():
    samples = [
        r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
        r"\operatorname{clip}\!\left(\frac{w_i}{s}\right)",
        r"\sqrt[3]{x} \ne \hat{\boldsymbol{\beta}}",
        r"\bigl\lvert \bar{y}_b - \bar{p}_b \bigr\rvert",
        r"\texttt{cost\_fp} \times \dfrac{\text{total cost}}{n}",
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
        r"\color{red} x",
    ]
    for tex in samples:
        assert mathml_unsupported(mathml_from_tex(tex, display=True)) == [], tex
