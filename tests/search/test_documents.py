"""Splitting a lesson into sections, and the text the index keeps: no database."""

from search.documents import sections_split, text_of
from search.highlight import MARK_START, MARK_STOP, TAG_GUARD

LESSON = (
    "<p>Before any heading.</p>"
    '<h2 id="first-part">First <em>part</em></h2><p>One.</p>'
    '<h3 id="a-detail">A detail</h3><p>Two <code>&lt;b&gt;</code>.</p>'
    "<h4>Not a section</h4><p>Still two.</p>"
    '<h2 id="second-part">Second part</h2><p>Three.</p><!--quiz:q-one-->'
)


def test_a_lesson_splits_at_its_h2_and_h3_headings_with_their_ids():
    sections = sections_split(title="Module", intro="Summary.", body_html=LESSON)
    assert [(s.anchor, s.title, s.parent) for s in sections] == [
        ("", "Module", ""),
        ("first-part", "First part", ""),
        ("a-detail", "A detail", "First part"),
        ("second-part", "Second part", ""),
    ]
    assert sections[0].text == "Summary. Before any heading."
    assert sections[1].text == "One."
    # An h4 stays inside its section; code shows as the reader sees it.
    assert sections[2].text == f"Two <{TAG_GUARD}b>. Not a section Still two."
    assert sections[3].text == "Three."


def test_a_repeated_id_keeps_its_first_section_only():
    html = '<h2 id="x">One</h2><p>a</p><h2 id="x">Two</h2><p>b</p>'
    sections = sections_split(title="M", intro="", body_html=html)
    assert [s.anchor for s in sections] == ["", "x"]


def test_a_lesson_without_headings_is_one_introduction():
    sections = sections_split(title="M", intro="", body_html="<p>Only text.</p>")
    assert [(s.anchor, s.text) for s in sections] == [("", "Only text.")]


def test_formulas_become_separate_words_and_highlight_markers_cannot_be_smuggled_in():
    mathml = "<p>precision<math><mfrac><mi>TP</mi><mrow><mi>TP</mi><mo>+</mo><mi>FP</mi></mrow></mfrac></math></p>"
    assert text_of(mathml) == "precision TP TP + FP"
    assert text_of(f"<p>a{MARK_START}b{MARK_STOP}c{TAG_GUARD}d</p>") == "abcd"


def test_a_very_long_heading_is_cut_to_fit_a_title():
    sections = sections_split(title="M", intro="", body_html=f'<h2 id="x">{"word " * 100}</h2>')
    assert len(sections[1].title) == 300
