"""Front matter keeps the file line of every key, so problems point at the right line."""

from authoring.frontmatter import document_parse, yaml_parse
from authoring.problems import Problems

TEXT = """\
---
title: A title
tags:
  - one
  - two
---
The body.
"""


def test_keys_items_and_body_keep_their_file_lines():
    problems = Problems()
    doc = document_parse(TEXT, path="post.md", problems=problems)
    assert not problems
    assert doc.meta.data == {"title": "A title", "tags": ["one", "two"]}
    assert (doc.meta.line("title"), doc.meta.line("tags")) == (2, 3)
    assert doc.meta.item_lines["tags"] == [4, 5]
    assert (doc.body, doc.body_line) == ("The body.\n", 7)


def test_problems_read_as_path_line_message_and_sort_by_file_then_line():
    problems = Problems()
    document_parse("---\ntitle: [unclosed\n---\n", path="b.md", problems=problems)
    document_parse("---\na: 1\na: 2\n---\n", path="a.md", problems=problems)
    document_parse("no front matter", path="a.md", problems=problems)
    assert [str(p).split(": ", 1)[0] for p in sorted(problems)] == ["a.md:1", "a.md:3", "b.md:2"]
    assert str(sorted(problems)[1]) == "a.md:3: duplicate key 'a'"


def test_a_block_inside_a_file_is_offset_to_its_first_line():
    problems = Problems()
    doc = yaml_parse("id: q\ntype: [", first_line=20, path="m.md", problems=problems, what="quiz")
    assert doc is None
    assert [p.line for p in problems] == [21]
