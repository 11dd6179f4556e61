"""The index follows sync_content and post saves, and writes nothing when nothing changed."""

import pytest
from django.core.management import call_command

from courseware.models import Module
from search import services
from search.models import Document
from search.selectors import search_results
from tests.courseware.content.tree import ContentTree, sync

pytestmark = pytest.mark.django_db

LESSON = """\
Intro for the {word} module.

## Where {word} lives

Text about {word}.

### A smaller point

More text.
"""


@pytest.fixture
def tree(tmp_path, settings):
    settings.CONTENT_DIR = tmp_path
    return ContentTree(tmp_path).with_defaults()


def test_sync_content_indexes_each_section_at_its_anchor(tree):
    tree.module("alpha", "01-first-steps", title="First steps", body=LESSON.format(word="okapi"))
    sync()
    found = search_results(query="okapi")
    urls = [r.url for r in found.results]
    assert urls[0] == "/courses/alpha/first-steps/#where-okapi-lives"
    assert "/courses/alpha/first-steps/" in urls  # the introduction
    assert search_results(query="smaller point").results[0].url.endswith("#a-smaller-point")


def test_a_resync_replaces_changed_text_and_drops_removed_modules(tree):
    tree.module("alpha", "01-first-steps", title="First steps", body=LESSON.format(word="okapi"))
    tree.module("alpha", "02-next-steps", title="Next steps", body=LESSON.format(word="tapir"))
    sync()
    assert search_results(query="tapir").total > 0
    tree.module("alpha", "01-first-steps", title="First steps", body=LESSON.format(word="gecko"))
    tree.remove("courses/alpha/modules/02-next-steps.md")
    sync()
    assert search_results(query="okapi").total == 0
    assert search_results(query="tapir").total == 0  # retired with its module
    assert search_results(query="gecko").results[0].url.endswith("#where-gecko-lives")


def test_a_sync_that_changes_nothing_writes_nothing(tree):
    sync()
    stamps = dict(Document.objects.values_list("key", "updated_at"))
    assert stamps
    sync()
    assert dict(Document.objects.values_list("key", "updated_at")) == stamps
    assert services.curriculum_index_sync() == services.IndexReport()


def test_a_sync_that_fails_after_indexing_leaves_the_index_as_it_was(tree, monkeypatch):
    tree.module("alpha", "01-first-steps", title="First steps", body=LESSON.format(word="okapi"))
    sync()
    before = sorted(Document.objects.values_list("key", "body"))
    tree.module("alpha", "01-first-steps", title="First steps", body=LESSON.format(word="gecko"))

    def fail():
        raise RuntimeError("the cache is down")

    monkeypatch.setattr("courseware.content.sync.content_version_bump", fail)
    with pytest.raises(RuntimeError):
        sync()
    assert sorted(Document.objects.values_list("key", "body")) == before
    assert search_results(query="gecko").total == 0


def test_search_reindex_catches_up_on_posts_written_before_the_index(make_post, capsys):
    post = make_post(title="Lineage tracking")
    Document.objects.filter(post=post).delete()  # as if written before search existed
    assert search_results(query="lineage").total == 0
    call_command("search_reindex")
    assert search_results(query="lineage").total == 1
    assert "1 created" in capsys.readouterr().out


def test_every_section_anchor_is_one_the_modules_contents_links_to(tree):
    tree.module("alpha", "01-first-steps", title="First steps", body=LESSON.format(word="okapi"))
    sync()
    for module in Module.objects.all():
        anchors = [
            doc.url.split("#", 1)[1]
            for doc in Document.objects.filter(module=module)
            if "#" in doc.url
        ]
        assert anchors, module
        for anchor in anchors:
            assert f'href="#{anchor}"' in module.toc_html
            assert f'id="{anchor}"' in module.body_html
