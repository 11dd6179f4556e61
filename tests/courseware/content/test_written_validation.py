"""Written parts in exercise.md: each problem at its line; valid parts stored on sync."""

import pytest

from courseware.models import Exercise
from tests.courseware.content.tree import sync, sync_problems

pytestmark = pytest.mark.django_db

EXERCISE = "courses/alpha/exercises/add-numbers/exercise.md"

CARD = """\
  - key: model-card
    title: Model card
    prompt: |
      Describe the model, see [the module](../../modules/01-first-steps.md#first-heading).
    sections: [Intended use, Limitations]
    min_words: 60
    max_words: 400
"""


def with_written(tree, items: str) -> None:
    text = tree.read(EXERCISE)
    tree.write(
        EXERCISE,
        text.replace("estimated_minutes: 20\n", f"estimated_minutes: 20\nwritten:\n{items}", 1),
    )


def test_valid_parts_are_stored_with_the_prompt_rendered(tree):
    with_written(tree, CARD)
    sync()
    (part,) = Exercise.objects.get(slug="add-numbers").written
    assert part["key"] == "model-card" and part["title"] == "Model card"
    assert part["sections"] == ["Intended use", "Limitations"]
    assert (part["min_words"], part["max_words"]) == (60, 400)
    assert 'href="/courses/alpha/first-steps/#first-heading"' in part["prompt_html"]


def test_each_bad_item_is_reported_at_its_line(tree):
    with_written(
        tree,
        CARD
        + """\
  - key: model-card
    title: Again
    prompt: Same key.
    min_words: 60
    max_words: 70
  - key: memo
    title: Memo
    prompt: Short.
    min_words: 900
    max_words: 100
    colour: blue
  - key: tiny
    prompt: No title.
    min_words: 10
    max_words: "many"
""",
    )
    known = "key, title, prompt, sections, min_words, max_words"
    assert sync_problems() == [
        f"{EXERCISE}:17: duplicate written part key 'model-card'",
        f"{EXERCISE}:25: 'min_words' (900) is more than 'max_words' (100) in written part 3",
        f"{EXERCISE}:27: unknown key 'colour' in written part 3 ({known})",
        f"{EXERCISE}:28: missing required key 'title' in written part 4",
        f"{EXERCISE}:30: 'min_words' in written part 4 must be between 50 and 5000 words",
        f"{EXERCISE}:31: 'max_words' in written part 4 must be a whole number",
    ]


def test_at_most_four_parts_and_links_in_prompts_are_checked(tree):
    items = "".join(
        f"  - key: part-{n}\n    title: Part {n}\n    prompt: See [nothing](../../modules/09-gone.md).\n"
        "    min_words: 50\n    max_words: 60\n"
        for n in range(5)
    )
    with_written(tree, items)
    problems = sync_problems()
    assert f"{EXERCISE}:9: an exercise has at most 4 written parts, not 5" in problems
    assert sum("09-gone.md" in p for p in problems) == 5
