"""A post's Markdown to safe HTML, once, when the post is saved.

The sanitiser and its allow-list are the site's one pair (``authoring.html``), shared with
the curriculum, so one list of tags, attributes and URL schemes is reviewed for the whole
site. The curriculum renderer itself is not reused: its maths, quiz and module-link
handling belong to lessons, and in an article about salaries two dollar signs would turn
prose into maths.

Staff accounts are trusted to write, not to run code in visitors' browsers: whatever the
Markdown holds (raw HTML, ``<script>``, ``on*`` handlers, ``javascript:`` or ``data:``
URLs), only the allow-listed tags and attributes with http(s)/mailto URLs survive. Links
that leave the site are marked ``noopener nofollow``: the page they open cannot reach back
into ours, and a citation is not read as an endorsement.
"""

from __future__ import annotations

from dataclasses import dataclass

from authoring.html import markdown_new, plain_text, sanitise, scrollables_mark

EXTERNAL_REL = "noopener nofollow"


@dataclass(frozen=True)
class RenderedPost:
    html: str
    word_count: int


def render_markdown(text: str) -> RenderedPost:
    html_text = scrollables_mark(sanitise(markdown_new().convert(text), external_rel=EXTERNAL_REL))
    return RenderedPost(html=html_text, word_count=len(plain_text(html_text).split()))
