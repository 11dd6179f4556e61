"""Highlighted snippets that are safe to show.

Both backends mark matches with two private-use characters rather than HTML, and the
text around them is whatever an author or a post wrote, ``<script>`` included. So a
snippet is escaped first and only then are the markers turned into ``<mark>``; the
indexed text never holds the markers itself (``strip_marks``), so none can be forged.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARK_START = "\ue000"
MARK_STOP = "\ue001"
# PostgreSQL's parser reads "<name ...>" as markup, leaving it out of the index and out
# of ts_headline's output ("List<int>" would show as "List"). A word joiner (invisible,
# and not a letter) after each "<" keeps such text words; it is taken out for display.
TAG_GUARD = "\u2060"
_NO_MARKS = str.maketrans("", "", MARK_START + MARK_STOP + TAG_GUARD)


def strip_marks(text: str) -> str:
    """``text`` without the markers or guards, so that indexed text cannot forge them."""
    return text.translate(_NO_MARKS)


def index_text(text: str) -> str:
    """``text`` as the index stores it: no markers, and "<" guarded."""
    return strip_marks(text).replace("<", "<" + TAG_GUARD)


def marked_html(text: str) -> SafeString:
    """``text`` escaped, with each marked run in ``<mark>``; marks never nest or dangle,
    and the guards ``index_text`` added are gone."""
    out: list[str] = []
    open_mark = False
    start = 0
    for index, char in enumerate(text):
        if char not in (MARK_START, MARK_STOP):
            continue
        out.append(escape(text[start:index]))
        start = index + 1
        if char == MARK_START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif char == MARK_STOP and open_mark:
            out.append("</mark>")
            open_mark = False
    out.append(escape(text[start:]))
    out = [part.replace(TAG_GUARD, "") for part in out]
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out).replace("<mark></mark>", ""))  # noqa: S308 (escaped above)
