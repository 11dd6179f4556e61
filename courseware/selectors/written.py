"""Reads for the written parts of an exercise, as the exercise page shows them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Exercise, WrittenSubmission


@dataclass
class WrittenPartState:
    """One written part on the exercise page: what it asks, the learner's current
    version, how many earlier ones are kept, and the text and errors of the form."""

    key: str
    title: str
    prompt_html: str
    sections: list[str]
    min_words: int
    max_words: int
    current: WrittenSubmission | None = None
    earlier_versions: int = 0
    text: str = ""  # what the text box holds: a refused post, else the current version
    errors: list[str] = field(default_factory=list)

    @property
    def field_id(self) -> str:
        return f"written-{self.key}-text"


def written_parts_for_learner(
    *, exercise: Exercise, user, posted: dict[str, str] | None = None, errors=None
) -> list[WrittenPartState]:
    """The exercise's written parts with the learner's own work (one query when the
    exercise has parts and the learner is signed in, none otherwise). ``posted`` and
    ``errors`` (by part key) are a refused post, shown back so nothing typed is lost."""
    posted, errors = posted or {}, errors or {}
    parts = [
        WrittenPartState(
            key=p["key"],
            title=p["title"],
            prompt_html=p["prompt_html"],
            sections=list(p["sections"]),
            min_words=p["min_words"],
            max_words=p["max_words"],
        )
        for p in exercise.written
    ]
    if not parts:
        return parts
    versions: dict[str, list[WrittenSubmission]] = {}
    if user.is_authenticated:
        rows = WrittenSubmission.objects.filter(user=user, exercise=exercise).order_by(
            "-submitted_at", "-id"
        )
        for row in rows:
            versions.setdefault(row.key, []).append(row)
    for part in parts:
        mine = versions.get(part.key, [])
        part.current = mine[0] if mine else None
        part.earlier_versions = max(0, len(mine) - 1)
        if part.key in posted:
            part.text, part.errors = posted[part.key], list(errors.get(part.key, []))
        elif part.current is not None:
            part.text = part.current.text
    return parts
