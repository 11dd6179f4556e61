"""The module page as a reader meets it: knowledge-check choices in an order of their own
(stable, shuffled per learner and question, graded by value), a distinct name for each
check, and the source order that keyboard users tab through."""

import re

import pytest

from courseware.models import Question, QuestionResponse
from courseware.selectors import choice_order
from tests.courseware.content.tree import sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/courses/alpha/shuffled/"
CHECK_URL = f"{URL}check/colours/"
KEYS = ["a", "b", "c", "d", "e", "f"]

# Two checks; the first has six choices and the right one first in the source, as most
# of the real curriculum's questions do.
BODY = """\
Intro.

## Colours

```quiz
id: colours
type: single
question: Which colour is CORRECT-ONE?
choices:
  - text: CHOICE-RED
    correct: true
  - text: CHOICE-ORANGE
  - text: CHOICE-YELLOW
  - text: CHOICE-GREEN
  - text: CHOICE-BLUE
  - text: CHOICE-VIOLET
explanation: Red, because the question says so.
```

## Numbers

```quiz
id: numbers
type: single
question: Which number is two?
choices:
  - text: NUMBER-TWO
    correct: true
  - text: NUMBER-THREE
explanation: Two is two.
```
"""
LABELS = {
    "a": "CHOICE-RED",
    "b": "CHOICE-ORANGE",
    "c": "CHOICE-YELLOW",
    "d": "CHOICE-GREEN",
    "e": "CHOICE-BLUE",
    "f": "CHOICE-VIOLET",
}


@pytest.fixture
def shuffled(tree):
    tree.module("alpha", "03-shuffled", title="Shuffled", body=BODY)
    sync()
    return Question.objects.get(key="colours")


def shown_order(html: str) -> list[str]:
    """The colour question's choice keys, in the order the page shows them."""
    block = html[
        html.index('id="q-colours"') : html.index("</section>", html.index('id="q-colours"'))
    ]
    found = re.findall(r'value="([a-f])"', block)
    if found:
        return found
    text_order = re.findall(r"CHOICE-[A-Z]+", block)
    return [key for label in text_order for key, name in LABELS.items() if name == label]


def expected(question, user_id):
    return choice_order(
        keys=KEYS, module_id=question.module_id, question_key="colours", user_id=user_id
    )


def learner_with_another_order(question, than: list[str]):
    """A new learner whose order differs from ``than``: with six choices almost any one
    does, and trying a few keeps the test from ever depending on luck."""
    for _ in range(10):
        user = UserFactory()
        if expected(question, user.pk) != than:
            return user
    raise AssertionError("ten learners in a row got the same order of six choices")


# -- the order itself ---------------------------------------------------------


def test_the_order_is_a_permutation_that_is_the_same_every_time():
    first = choice_order(keys=KEYS, module_id=3, question_key="q", user_id=7)
    assert sorted(first) == KEYS
    assert first == choice_order(keys=KEYS, module_id=3, question_key="q", user_id=7)


def test_the_order_moves_with_the_learner_and_the_question():
    orders = {
        tuple(choice_order(keys=KEYS, module_id=1, question_key="q", user_id=user_id))
        for user_id in range(1, 21)
    }
    assert len(orders) > 10  # twenty learners, not one order
    questions = {
        tuple(choice_order(keys=KEYS, module_id=1, question_key=f"q{n}", user_id=None))
        for n in range(20)
    }
    assert len(questions) > 10
    # Where the first source choice (usually the right one) lands is spread out.
    firsts = {
        choice_order(keys=KEYS, module_id=1, question_key="q", user_id=u).index("a")
        for u in range(1, 41)
    }
    assert len(firsts) >= 4


def test_visitors_share_one_order_per_question():
    assert choice_order(keys=KEYS, module_id=1, question_key="q", user_id=None) == choice_order(
        keys=list(reversed(KEYS)), module_id=1, question_key="q", user_id=None
    )


# -- on the page --------------------------------------------------------------


def test_visitors_see_the_fixed_shuffle_from_the_question(client, shuffled):
    order = shown_order(client.get(URL).content.decode())
    assert order == expected(shuffled, None)
    assert order == shown_order(client.get(URL).content.decode())


def test_two_learners_see_different_orders_each_the_same_across_reloads(client, shuffled):
    first = UserFactory()
    first_order = expected(shuffled, first.pk)
    second = learner_with_another_order(shuffled, first_order)

    client.force_login(first)
    assert shown_order(client.get(URL).content.decode()) == first_order
    assert shown_order(client.get(URL).content.decode()) == first_order  # from the cache

    client.force_login(second)
    second_order = shown_order(client.get(URL).content.decode())
    assert second_order == expected(shuffled, second.pk)
    assert second_order != first_order

    client.force_login(first)
    assert shown_order(client.get(URL).content.decode()) == first_order


def test_answers_are_graded_by_value_wherever_the_right_one_is_shown(client, shuffled):
    # A learner who sees the right choice ("a", first in the source) somewhere else.
    user = next(u for u in (UserFactory() for _ in range(20)) if expected(shuffled, u.pk)[0] != "a")
    client.force_login(user)
    order = shown_order(client.get(URL).content.decode())
    assert order[0] != "a"
    client.post(CHECK_URL, {"choice": order[0]})  # the first one shown is wrong
    response = QuestionResponse.objects.get(user=user)
    assert response.selected == [order[0]] and not response.is_correct
    client.post(CHECK_URL, {"choice": "a"})  # the right one, wherever it sits, is right
    response.refresh_from_db()
    assert response.selected == ["a"] and response.is_correct


def test_the_answered_check_keeps_the_learners_order(client, shuffled):
    user = UserFactory()
    client.force_login(user)
    order = shown_order(client.get(URL).content.decode())
    swapped = client.post(CHECK_URL, {"choice": "b"}, headers={"HX-Request": "true"})
    assert shown_order(swapped.content.decode()) == order  # the htmx block
    html = client.get(URL).content.decode()  # the answer bumped the learner's page
    assert "quiz-answered" in html and "Not quite." in html
    assert shown_order(html) == order


def test_a_refused_answer_shows_the_choices_in_the_learners_order(client, shuffled):
    user = UserFactory()
    client.force_login(user)
    response = client.post(CHECK_URL, {"choice": "z"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'role="alert"' in html
    assert shown_order(html) == expected(shuffled, user.pk)


def test_each_knowledge_check_has_its_own_name(client, shuffled):
    html = client.get(URL).content.decode()
    labels = re.findall(r'<p class="quiz-label" id="q-[a-z-]+-label">([^<]+)</p>', html)
    assert labels == ["Knowledge check 1", "Knowledge check 2"]
    legends = re.findall(r'<legend class="visually-hidden">([^<]+)</legend>', html)
    assert legends == [
        "Knowledge check 1: choose one answer",
        "Knowledge check 2: choose one answer",
    ]


# -- layout -------------------------------------------------------------------


def test_source_order_is_module_list_then_lesson_then_contents(client, shuffled):
    html = client.get(URL).content.decode()
    modules = html.index('class="reading-modules-disclosure"')
    disclosure = html.index('class="reading-contents"')
    title = html.index('id="module-title"')
    column = html.index('class="reading-toc"')
    assert modules < disclosure < title < column
    assert html.index("<summary", disclosure) < title  # "On this page", closed
    assert '<details class="reading-contents">' in html  # no open attribute
    assert html.index('href="#main">Back to top</a>') > title
