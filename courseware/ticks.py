"""Progress ticks inside cached fragments.

The module list, the lesson header and the syllabus are rendered once per content
version and shared by every reader (``reading``), so they cannot hold one learner's
progress. They carry slots instead, HTML comments such as ``<!--tick:module:12-->``,
which ``ticks_fill`` replaces on each request: with the learner's state (an icon and its
words, so nothing is told by colour alone) for an enrolled learner, with nothing for
everyone else. Their pages are cached per learner version, which every change to these
states renews (``signals``), so a tick is never stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string

SLOT_RE = re.compile(r"<!--tick:(module|exercise|course):(\d+)-->")

# The words beside each icon; the module list hides them visually, screen readers read them.
LABELS = {
    "module": {"complete": "Complete", "in_progress": "In progress", "not_started": "Not started"},
    "exercise": {"passed": "Passed", "attempted": "Attempted", "not_started": "Not tried yet"},
}


@dataclass(frozen=True)
class Ticks:
    """One learner's states in one course, as plain strings by object id."""

    modules: dict[int, str] = field(default_factory=dict)
    exercises: dict[int, str] = field(default_factory=dict)
    percent: int = 0


def tick_html(kind: str, state: str) -> str:
    return render_to_string(
        "courseware/includes/progress_tick.html",
        {"kind": kind, "state": state, "label": LABELS[kind][state]},
    )


def percent_html(percent: int) -> str:
    return render_to_string("courseware/includes/course_percent.html", {"percent": percent})


def ticks_fill(html: str, ticks: Ticks | None) -> str:
    """Put the learner's ticks into a fragment's slots (or empty them, without ``ticks``).
    Each distinct tick is rendered once per call."""
    rendered: dict[tuple[str, str], str] = {}

    def replace(match: re.Match) -> str:
        if ticks is None:
            return ""
        kind, object_id = match.group(1), int(match.group(2))
        if kind == "course":
            return percent_html(ticks.percent)
        state = (ticks.modules if kind == "module" else ticks.exercises).get(object_id)
        if state is None:
            return ""
        if (kind, state) not in rendered:
            rendered[kind, state] = tick_html(kind, state)
        return rendered[kind, state]

    return SLOT_RE.sub(replace, html)
