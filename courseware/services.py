"""Writes for courseware pages: answering a knowledge-check question."""

from __future__ import annotations

from .models import Question, QuestionResponse
from .selectors import SESSION_ANSWERS, AnswerState, answer_state


class InvalidAnswer(ValueError):
    """The selection does not fit the question (nothing chosen, unknown or too many)."""


def question_answer(*, user, question: Question, selected: list[str], session=None) -> AnswerState:
    """Grade an answer on the server and remember it.

    Signed-in learners get a stored ``QuestionResponse`` (their latest answer); anonymous
    readers get the verdict too, remembered only in their session when one is given.
    """
    keys = [choice["key"] for choice in question.choices]
    chosen = [key for key in keys if key in set(selected)]  # display order, no duplicates
    if not chosen:
        raise InvalidAnswer("Choose an answer first.")
    if len(chosen) != len(set(selected)):
        raise InvalidAnswer("That choice is not part of this question.")
    if question.kind == Question.Kind.SINGLE and len(chosen) != 1:
        raise InvalidAnswer("Choose exactly one answer.")
    state = answer_state(question, chosen)
    if user is not None and user.is_authenticated:
        QuestionResponse.objects.update_or_create(
            user=user,
            question=question,
            defaults={"selected": chosen, "is_correct": state.is_correct},
        )
    elif session is not None:
        answers = dict(session.get(SESSION_ANSWERS, {}))
        answers[str(question.id)] = chosen
        session[SESSION_ANSWERS] = answers
    return state
