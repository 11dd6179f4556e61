import pytest

import grader
from courseware import services
from grader.schema import error_result
from tests.courseware.content.conftest import tree  # noqa: F401 (the shared content-tree fixture)
from tests.courseware.content.tree import sync


@pytest.fixture
def synced(tree):  # noqa: F811
    """The small curriculum from tests/courseware/content/tree.py, loaded into the database."""
    sync()
    return tree


@pytest.fixture
def queued(monkeypatch):
    """Record what would be sent to the broker instead of sending it."""
    sent = []
    monkeypatch.setattr(
        services, "submission_enqueue", lambda *, submission_id: sent.append(submission_id) or True
    )
    return sent


@pytest.fixture
def passing_grade(monkeypatch):
    """The grader answers at once with a one-point pass: for tests of what follows."""

    def grade(exercise, code, *, visible_only=False, seed=None):
        result = error_result("")
        result.update(status="passed", score=1, max_score=1, error=None, tests=[], output="")
        return result

    monkeypatch.setattr(grader, "grade", grade)
    monkeypatch.setattr(grader, "load_exercise", lambda path: object())
