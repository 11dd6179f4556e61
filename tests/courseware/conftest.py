import pytest

from tests.courseware.content.conftest import tree  # noqa: F401 (the shared content-tree fixture)
from tests.courseware.content.tree import sync


@pytest.fixture
def synced(tree):  # noqa: F811
    """The small curriculum from tests/courseware/content/tree.py, loaded into the database."""
    sync()
    return tree
