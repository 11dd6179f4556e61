"""A course's optional glossary.md: validated and rendered at sync, served at
/courses/<course>/glossary/, linked from the course and module pages and the sitemap, and
a link target whose anchors are checked."""

import pytest

from courseware.models import Course
from tests.courseware.content.tree import sync, sync_problems

pytestmark = pytest.mark.django_db

GLOSSARY = "courses/alpha/glossary.md"
MODULE = "courses/alpha/modules/01-first-steps.md"
TEXT = """\
---
title: Glossary
summary: The words this course uses, each defined once.
---
### Log loss

The mean negative log-probability a model gave the true class; see
[the first heading](modules/01-first-steps.md#first-heading).

### Overfitting

Learning the noise of the training rows as if it were signal.
"""


def with_link(tree, target: str) -> None:
    text = tree.read(MODULE).replace("Some text.", f"Some [text]({target}).", 1)
    tree.write(MODULE, text)


def test_the_glossary_is_rendered_served_and_linked(client, tree):
    tree.write(GLOSSARY, TEXT)
    with_link(tree, "../glossary.md#log-loss")
    sync()
    course = Course.objects.get(slug="alpha")
    assert course.glossary_title == "Glossary"
    assert 'id="log-loss"' in course.glossary_html
    assert 'href="/courses/alpha/first-steps/#first-heading"' in course.glossary_html

    page = client.get("/courses/alpha/glossary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "The words this course uses, each defined once." in html

    link = '<a href="/courses/alpha/glossary/">Glossary of terms</a>'
    assert link in client.get("/courses/alpha/").content.decode()
    module_page = client.get("/courses/alpha/first-steps/").content.decode()
    assert link in module_page
    assert 'href="/courses/alpha/glossary/#log-loss"' in module_page
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/courses/alpha/glossary/</loc>" in sitemap
    assert "/courses/beta/glossary/" not in sitemap


def test_a_course_without_a_glossary_has_no_page_or_link(client, tree):
    sync()
    assert client.get("/courses/alpha/glossary/").status_code == 404
    assert "Glossary of terms" not in client.get("/courses/alpha/").content.decode()


def test_a_link_to_a_missing_term_or_glossary_is_reported(tree):
    tree.write(GLOSSARY, TEXT)
    with_link(tree, "../glossary.md#no-such-term")
    assert sync_problems() == [
        f"{MODULE}:12: broken link '../glossary.md#no-such-term': "
        f"{GLOSSARY} has no heading with anchor #no-such-term"
    ]
    tree.remove(GLOSSARY)
    with_link(tree, "../glossary.md#log-loss")
    problems = sync_problems()
    assert any("there is no module courses/alpha/glossary.md" in p for p in problems)


def test_glossary_front_matter_and_terms_are_checked(tree):
    tree.write(GLOSSARY, "---\ntitle: Glossary\n---\nNo terms at all.\n")
    assert sync_problems() == [f"{GLOSSARY}:1: missing required key 'summary' in glossary.md"]
    tree.write(GLOSSARY, "---\ntitle: Glossary\nsummary: Words.\n---\nNo terms at all.\n")
    assert sync_problems() == [
        f"{GLOSSARY}:5: a glossary needs at least one term, as a '### Term' heading"
    ]


def test_glossary_is_a_reserved_module_slug(tree):
    tree.module("alpha", "03-glossary")
    problems = sync_problems()
    assert any("03-glossary.md" in p and "glossary" in p for p in problems)
