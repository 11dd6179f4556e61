"""An exercise's summary (the first paragraph of its prompt, listed on the module page)
is cut at a word, with an ellipsis, when it is too long."""

import pytest

from courseware.content.exercises import SUMMARY_MAX_CHARS, summary_shorten
from courseware.models import Exercise
from tests.courseware.content.tree import sync


def test_a_summary_that_fits_is_kept_whole():
    assert summary_shorten("Write `add(a, b)` that returns the sum.") == (
        "Write `add(a, b)` that returns the sum."
    )
    exact = "word " * 59 + "end."  # 299 characters
    assert summary_shorten(exact) == exact


def test_a_long_summary_is_cut_at_a_word_with_an_ellipsis():
    text = "Given a set of tasks, each described by the skills it needs, " * 8
    short = summary_shorten(text)
    assert len(short) <= SUMMARY_MAX_CHARS
    assert short.endswith("…") and not short.endswith(" …") and not short.endswith(",…")
    kept = short[:-1]
    assert text.startswith(kept)
    assert text[len(kept)] in " ,"  # the cut falls between words, never inside one


def test_the_word_that_crosses_the_limit_is_dropped_whole():
    text = "a" * 293 + " returns" + " more" * 5  # "returns" would end at 301
    assert summary_shorten(text) == "a" * 293 + "…"
    fits = "a" * 290 + " returns" + " more" * 5  # "returns" ends at 298: it stays
    assert summary_shorten(fits) == "a" * 290 + " returns…"


def test_one_enormous_word_is_still_cut_to_the_limit():
    short = summary_shorten("x" * 500)
    assert short == "x" * (SUMMARY_MAX_CHARS - 1) + "…"


@pytest.mark.django_db
def test_sync_stores_the_shortened_summary(tree):
    path = "courses/alpha/exercises/add-numbers/exercise.md"
    long_prompt = "Write `add(a, b)` that returns the sum of two numbers and " + (
        "explains each step of the arithmetic involved " * 10
    )
    tree.write(
        path, tree.read(path).replace("Write `add(a, b)` that returns the sum.", long_prompt)
    )
    sync()
    summary = Exercise.objects.get(slug="add-numbers").summary
    assert summary.endswith("…") and len(summary) <= SUMMARY_MAX_CHARS
    assert summary.startswith("Write add(a, b) that returns the sum")
    assert summary[:-1].rstrip() == summary[:-1] and summary[-2].isalpha()
