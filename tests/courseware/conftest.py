import pytest

from courseware import services
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
