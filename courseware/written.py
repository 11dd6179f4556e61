"""The rules a written part's text must meet, as pure functions of plain data.

A learner writes plain text or Markdown. Each required section starts at a heading
line: a Markdown heading (``## Intended use``) or a line holding only the section's
name (``Intended use``, optionally ended by a colon). A section is present when such
a line exists and at least one word follows it before the next heading. Words are
runs of letters or digits (with apostrophes and hyphens inside them), so Markdown's
``#``, ``*`` and ``-`` never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(?P<name>.*?)\s*#*\s*$")

# The most a learner may post for one part, whatever its word limit (about 12 characters
# a word leaves room for generous Markdown); larger posts are refused before counting.
TEXT_MAX_CHARS_PER_WORD = 12


def word_count(text: str) -> int:
    """How many words ``text`` holds, by the rule the word limits use."""
    return len(_WORD_RE.findall(text))


def _normalised(name: str) -> str:
    return " ".join(name.strip().rstrip(":").split()).casefold()


@dataclass(frozen=True)
class Heading:
    line: int  # 0-based
    name: str  # normalised
    required: bool


def _headings(lines: list[str], required: set[str]) -> list[Heading]:
    found = []
    for number, line in enumerate(lines):
        match = _MARKDOWN_HEADING_RE.match(line)
        if match:
            name = _normalised(match["name"])
            found.append(Heading(number, name, name in required))
        elif _normalised(line) in required:
            found.append(Heading(number, _normalised(line), True))
    return found


def sections_missing(text: str, sections: list[str]) -> tuple[list[str], list[str]]:
    """The required sections with no heading line, and those whose heading is followed
    by no words before the next heading; each in the order ``sections`` gives them."""
    wanted = {_normalised(s): s for s in sections}
    lines = text.splitlines()
    headings = _headings(lines, set(wanted))
    filled: dict[str, bool] = {}
    for index, heading in enumerate(headings):
        if not heading.required:
            continue
        end = headings[index + 1].line if index + 1 < len(headings) else len(lines)
        body = "\n".join(lines[heading.line + 1 : end])
        filled[heading.name] = filled.get(heading.name, False) or word_count(body) > 0
    absent = [title for key, title in wanted.items() if key not in filled]
    empty = [title for key, title in wanted.items() if filled.get(key) is False]
    return absent, empty


def text_problems(text: str, *, sections: list[str], min_words: int, max_words: int) -> list[str]:
    """What keeps ``text`` from being accepted, as sentences for the learner; [] if none."""
    if len(text) > max_words * TEXT_MAX_CHARS_PER_WORD:
        return [f"This is far longer than the {max_words} words allowed; shorten it."]
    problems = []
    words = word_count(text)
    if words < min_words:
        problems.append(f"Write at least {min_words} words; this has {words}.")
    elif words > max_words:
        problems.append(f"Keep it to {max_words} words at most; this has {words}.")
    absent, empty = sections_missing(text, sections)
    if absent:
        names = ", ".join(absent)
        problems.append(
            f"Add a heading line for each required section; missing: {names}. Put the "
            "section's name on a line of its own (for example '## "
            f"{absent[0]}') and write the section under it."
        )
    if empty:
        problems.append(f"Write something under these headings: {', '.join(empty)}.")
    return problems
