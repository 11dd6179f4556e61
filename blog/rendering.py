"""A post's Markdown to safe HTML, once, when the post is saved.

The allow-list is the curriculum's (``courseware.content.markdown``), so one list of tags
and attributes is reviewed for the whole site. The curriculum renderer itself is not
reused: its maths, quiz and module-link handling belong to lessons, and in an article
about salaries two dollar signs would turn prose into maths.

Staff accounts are trusted to write, not to run code in visitors' browsers: whatever the
Markdown holds (raw HTML, ``<script>``, ``on*`` handlers, ``javascript:`` or ``data:``
URLs), only the allow-listed tags and attributes with http(s)/mailto URLs survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import nh3

from courseware.content.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, plain_text

# Removed together with their content, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_REL = "noopener nofollow"
# nh3 writes every attribute double-quoted, so this matches any link it let through.
_LINK_RE = re.compile(r'<a\s(?P<attrs>[^>]*?)href="(?P<href>[^"]*)"(?P<rest>[^>]*)>')
_EXTERNAL_RE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


@dataclass(frozen=True)
class RenderedPost:
    html: str
    word_count: int


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["fenced_code", "codehilite", "tables", "toc", "sane_lists", "footnotes"],
        extension_configs={
            "codehilite": {"css_class": "highlight", "guess_lang": False},
            "toc": {"toc_depth": "2-3"},
            "tables": {"use_align_attribute": True},
        },
        output_format="html",
    )


def _external_rel(match: re.Match) -> str:
    tag = match[0]
    if _EXTERNAL_RE.match(match["href"]):
        return tag[:-1] + f' rel="{EXTERNAL_REL}">'
    return tag


def sanitise(html_text: str) -> str:
    """Keep only allow-listed markup; mark links that leave the site ``noopener nofollow``."""
    tags = set(ALLOWED_TAGS) - DROP_WITH_CONTENT
    clean = nh3.clean(
        html_text,
        tags=tags,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _LINK_RE.sub(_external_rel, clean)


def render_markdown(text: str) -> RenderedPost:
    html_text = sanitise(_markdown().convert(text))
    html_text = html_text.replace("<table>", '<div class="table-wrap"><table>').replace(
        "</table>", "</table></div>"
    )
    return RenderedPost(html=html_text, word_count=len(plain_text(html_text).split()))
