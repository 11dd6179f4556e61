import pytest

from tests.courseware.content.tree import ContentTree


@pytest.fixture
def tree(tmp_path, settings):
    """A small, valid content tree in tmp_path, with settings.CONTENT_DIR pointing at it."""
    settings.CONTENT_DIR = tmp_path / "content"
    return ContentTree(settings.CONTENT_DIR).with_defaults()
