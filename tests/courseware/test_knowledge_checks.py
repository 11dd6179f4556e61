"""Knowledge checks are graded on the server and reveal nothing before an answer."""

import pytest

from courseware import services
from courseware.models import Question, QuestionResponse
from tests.courseware.content.tree import sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODULE_URL = "/courses/alpha/first-steps/"
CHECK_URL = "/courses/alpha/first-steps/check/q-one/"

MULTIPLE = """\
Intro.

## Heading

```quiz
id: pick-evens
type: multiple
question: Which numbers are even?
choices:
  - text: "2"
    correct: true
  - text: "3"
  - text: "4"
    correct: true
explanation: Even numbers divide by two. HIDDEN-WHY
```
"""


def test_page_holds_no_answer_before_the_learner_answers(client, synced):
    html = client.get(MODULE_URL).content.decode()
    quiz = html[html.index('id="q-q-one"') : html.index("</section>", html.index('id="q-q-one"'))]
    assert 'name="choice" value="a"' in quiz and 'name="choice" value="b"' in quiz
    assert 'action="/courses/alpha/first-steps/check/q-one/"' in quiz
    assert 'hx-post="/courses/alpha/first-steps/check/q-one/"' in quiz
    assert "csrfmiddlewaretoken" in quiz
    assert "SECRET-EXPLANATION" not in html
    assert "correct" not in quiz.lower()
    assert "Correct answer" not in html and "is-correct" not in html


def test_anonymous_answer_redirects_to_the_question_and_shows_the_verdict(client, synced):
    response = client.post(CHECK_URL, {"choice": ["b"]})
    assert response.status_code == 302
    assert response["Location"] == f"{MODULE_URL}#q-q-one"
    assert not QuestionResponse.objects.exists()
    html = client.get(MODULE_URL).content.decode()
    assert "Not quite." in html
    assert "SECRET-EXPLANATION-first-steps" in html
    assert "Correct answer" in html and "Your answer" in html


def test_signed_in_answer_is_stored_and_shown_on_return(client, synced):
    user = UserFactory()
    client.force_login(user)
    client.post(CHECK_URL, {"choice": "a"})
    response = QuestionResponse.objects.get(user=user)
    assert response.selected == ["a"] and response.is_correct
    client.logout()
    assert "SECRET-EXPLANATION" not in client.get(MODULE_URL).content.decode()
    client.force_login(user)
    html = client.get(MODULE_URL).content.decode()
    assert "Correct." in html and "SECRET-EXPLANATION-first-steps" in html


def test_answering_again_replaces_the_stored_answer(client, synced):
    user = UserFactory()
    client.force_login(user)
    client.post(CHECK_URL, {"choice": "b"})
    client.post(CHECK_URL, {"choice": "a"})
    (response,) = QuestionResponse.objects.filter(user=user)
    assert response.selected == ["a"] and response.is_correct


def test_htmx_gets_the_answered_block_to_swap_in(client, synced):
    response = client.post(CHECK_URL, {"choice": "a"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="quiz quiz-answered" id="q-q-one"')
    assert "Correct." in html and "SECRET-EXPLANATION-first-steps" in html
    assert "<html" not in html


@pytest.mark.parametrize("choices", [[], ["z"], ["a", "b"]])
def test_invalid_answers_are_refused_and_not_stored(client, synced, choices):
    client.force_login(UserFactory())
    response = client.post(CHECK_URL, {"choice": choices}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'role="alert"' in html and "SECRET-EXPLANATION" not in html
    assert not QuestionResponse.objects.exists()


def test_get_is_not_allowed_and_unknown_question_is_404(client, synced):
    assert client.get(CHECK_URL).status_code == 405
    assert client.post("/courses/alpha/first-steps/check/nope/", {"choice": "a"}).status_code == 404


def test_multiple_choice_needs_exactly_the_correct_set(tree):
    tree.module("alpha", "02-next-steps", body=MULTIPLE)
    sync()
    question = Question.objects.get(key="pick-evens")
    user = UserFactory()
    assert services.question_answer(user=user, question=question, selected=["a", "c"]).is_correct
    assert not services.question_answer(user=user, question=question, selected=["a"]).is_correct
    partial = services.question_answer(user=user, question=question, selected=["c", "a", "b"])
    assert not partial.is_correct and partial.selected == ["a", "b", "c"]
    with pytest.raises(services.InvalidAnswer):
        services.question_answer(user=user, question=question, selected=["d"])


def test_multiple_choice_renders_checkboxes(client, tree):
    tree.module("alpha", "02-next-steps", body=MULTIPLE)
    sync()
    html = client.get("/courses/alpha/next-steps/").content.decode()
    assert html.count('type="checkbox" name="choice"') == 3
    assert "HIDDEN-WHY" not in html
