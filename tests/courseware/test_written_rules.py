"""The rules a written part's text must meet (courseware.written), without a database."""

from courseware.written import sections_missing, text_problems, word_count

SECTIONS = ["Intended use", "Limitations"]


def test_words_are_runs_of_letters_or_digits_not_markdown_markers():
    assert word_count("## Intended use\n\n- *one* two-part, don't 42 #") == 6


def test_markdown_and_bare_headings_both_count():
    text = "## Intended use\nSpam filtering.\n\nLimitations:\nEnglish only."
    assert sections_missing(text, SECTIONS) == ([], [])


def test_a_heading_with_nothing_under_it_is_empty():
    text = "## Intended use\n\n## Limitations\nEnglish only."
    assert sections_missing(text, SECTIONS) == ([], ["Intended use"])


def test_a_section_named_only_inside_a_sentence_is_missing():
    text = "## Intended use\nThe limitations are few.\n"
    assert sections_missing(text, SECTIONS) == (["Limitations"], [])


def test_headings_match_whatever_their_case_and_spacing():
    text = "### intended   USE ##\nwords here\nLIMITATIONS\nmore words"
    assert sections_missing(text, SECTIONS) == ([], [])


def test_problems_name_the_word_count_and_the_missing_sections():
    problems = text_problems(
        "## Intended use\nshort", sections=SECTIONS, min_words=50, max_words=60
    )
    assert problems[0] == "Write at least 50 words; this has 3."
    assert "missing: Limitations" in problems[1]
    long = "## Intended use\n" + "word " * 70 + "\n## Limitations\nnone"
    assert text_problems(long, sections=SECTIONS, min_words=50, max_words=60) == [
        "Keep it to 60 words at most; this has 74."
    ]


def test_an_acceptable_text_has_no_problems():
    text = "## Intended use\n" + "word " * 30 + "\n## Limitations\n" + "word " * 30
    assert text_problems(text, sections=SECTIONS, min_words=50, max_words=100) == []
