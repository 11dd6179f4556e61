"""What the index holds for each source, as plain data: no database here.

A module's lesson is split at its h2 and h3 headings, the same headings (and ids) its
"On this page" contents lists, so each result can link to ``#<heading id>``. What comes
before the first heading is the module's introduction and links to the module itself.
An exercise is its title, summary and prompt (never its hints, tests or solution); a
post its title, summary and body. All text is what a reader sees (``plain_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from authoring.html import MATHML_TAGS, plain_text

from .highlight import index_text

# nh3 writes every attribute double-quoted, and sync_content's Markdown gives every h2
# and h3 an id (the contents' anchors).
_HEADING_RE = re.compile(
    r'<h(?P<level>[23])\b[^>]*?\sid="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h(?P=level)>',
    re.DOTALL | re.IGNORECASE,
)
# Words either side of a block or a formula's parts stay apart ("TP + FP", not "TP+FP"
# glued to the next paragraph): a space goes before each such tag.
_BLOCK_TAGS = "p div h1 h2 h3 h4 h5 h6 li dt dd pre table tr td th blockquote br hr"
_BLOCK_TAGS += " figcaption summary details ul ol dl"
_SPACED = sorted([*_BLOCK_TAGS.split(), *MATHML_TAGS], key=len, reverse=True)
_SPACED_TAG_RE = re.compile(rf"<(?=/?(?:{'|'.join(_SPACED)})[\s/>])", re.IGNORECASE)
# A generous bound per document: the longest lesson section is a few thousand words.
MAX_BODY_CHARS = 100_000
MAX_TITLE_CHARS = 300  # Document.title
BREADCRUMB_SEPARATOR = " › "


@dataclass(frozen=True)
class Section:
    anchor: str  # "" for the introduction
    title: str
    parent: str  # the h2 an h3 sits under, else ""
    text: str


def text_of(html_text: str) -> str:
    """What a reader sees, on one line, bounded, as the index stores it (``index_text``)."""
    return index_text(plain_text(_SPACED_TAG_RE.sub(" <", html_text)))[:MAX_BODY_CHARS]


def sections_split(*, title: str, intro: str, body_html: str) -> list[Section]:
    """A lesson's sections in page order: the introduction (``intro`` is the module's
    summary and objectives, put before the text above the first heading), then one per
    h2/h3. A repeated id keeps its first section only: an anchor leads to one place."""
    headings = list(_HEADING_RE.finditer(body_html))
    first = headings[0].start() if headings else len(body_html)
    intro_text = " ".join(part for part in (intro, text_of(body_html[:first])) if part)
    sections = [Section(anchor="", title=title, parent="", text=intro_text)]
    seen: set[str] = set()
    parent = ""
    for index, match in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body_html)
        heading = (text_of(match["inner"]) or match["id"])[:MAX_TITLE_CHARS]
        if match["level"] == "2":
            parent = heading
        if match["id"] in seen:
            continue
        seen.add(match["id"])
        sections.append(
            Section(
                anchor=match["id"],
                title=heading,
                parent=parent if match["level"] == "3" else "",
                text=text_of(body_html[match.end() : end]),
            )
        )
    return sections


def breadcrumb(*parts: str) -> str:
    return BREADCRUMB_SEPARATOR.join(part for part in parts if part)
