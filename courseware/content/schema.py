"""The front-matter keys each kind of file accepts, and checking a document against them.

An exercise's limits, slugs, libraries and files are the grader's (``grader.schema``):
the grader refuses to grade what it would refuse here, so sync must refuse it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from authoring.frontmatter import YamlDoc
from authoring.problems import Problems
from grader import draws as grader_draws
from grader import schema as grader_schema

SLUG_RE = grader_schema.SLUG
IDENTIFIER_RE = grader_schema.IDENTIFIER
LIBRARIES = grader_schema.LIBRARIES
EXERCISE_FILES = grader_schema.FILES
# Files an exercise folder may hold besides the grader's: "how we solved it", shown with
# the reference solution once a learner has passed (content/README.md).
EXPLANATION_FILE = "explanation.md"
# Progressive hints in an exercise's front matter: a few steps, not a walkthrough.
HINTS_MAX = 5
# Module slugs that would sit on the site's own pages: /courses/<course>/enrol/, leave/,
# certificate/, exercises/ and glossary/ are matched before the module pattern. (complete/
# and check/ come after a module's slug, so no module can collide with them.)
RESERVED_MODULE_SLUGS = frozenset({"enrol", "leave", "certificate", "exercises", "glossary"})
# A course's optional glossary: each term a ``### Term`` heading, so each has an anchor.
GLOSSARY_FILE = "glossary.md"


@dataclass(frozen=True)
class Field:
    kind: str  # str | int | number | str_list | mapping_list
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: object = None
    non_empty: bool = True
    max_items: int | None = None  # str_list only


COURSE_FIELDS = {
    "title": Field("str"),
    "subtitle": Field("str", required=False, default=""),
    "summary": Field("str"),
    "level": Field("str", choices=("beginner", "intermediate", "advanced")),
    "estimated_hours": Field("int", minimum=1),
    "order": Field("int", minimum=0),
    "pass_mark": Field("int", minimum=0, maximum=100),
    "outcomes": Field("str_list"),
    "careers": Field("str_list"),
}
GLOSSARY_FIELDS = {
    "title": Field("str"),
    "summary": Field("str"),
}
MODULE_FIELDS = {
    "title": Field("str"),
    "summary": Field("str"),
    "objectives": Field("str_list"),
    "estimated_minutes": Field("int", minimum=1),
}


def _bounded(bounds: grader_schema.Bounds) -> Field:
    """A number field with the grader's limits; optional exactly when it has a default."""
    return Field(
        "int" if bounds.whole else "number",
        required=bounds.default is None,
        minimum=bounds.low,
        maximum=bounds.high,
        default=bounds.default,
    )


EXERCISE_FIELDS = {
    "title": Field("str"),
    "module": Field("str"),
    "order": Field("int", required=False, minimum=0, default=0),
    "entry": Field("str"),
    "points": _bounded(grader_schema.POINTS),
    "pass_mark": _bounded(grader_schema.PASS_MARK),
    "time_limit": _bounded(grader_schema.TIME_LIMIT),
    "imports": Field("str_list", required=False, choices=LIBRARIES, default=(), non_empty=False),
    # "seeded": hidden cases drawn afresh per submission; "fixed": they cannot vary.
    "hidden_cases": Field(
        "str", required=False, choices=grader_draws.HIDDEN_CASES, default=grader_draws.SEEDED
    ),
    # Markdown, revealed one at a time on the exercise page.
    "hints": Field("str_list", required=False, default=(), non_empty=False, max_items=HINTS_MAX),
    # How long a learner should expect to spend, counted into the course's hours.
    "estimated_minutes": Field("int", minimum=1),
    # Written parts the learner submits as text (a capstone's model card and memo): a
    # list of mappings, each checked in detail by the exercise loader.
    "written": Field("mapping_list", required=False, default=(), non_empty=False),
}
_TYPE_NAMES = {
    "str": "text",
    "int": "a whole number",
    "number": "a number",
    "str_list": "a list of text items",
    "mapping_list": "a list of mappings",
}


def _type_ok(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, list)


def fields_check(
    doc: YamlDoc, fields: dict[str, Field], *, path: str, problems: Problems, what: str
) -> dict | None:
    """Return the cleaned values (defaults filled in), or None after reporting problems."""
    before = len(problems)
    clean: dict = {}
    for key in doc.data:
        if key not in fields:
            known = ", ".join(fields)
            problems.add(path, doc.line(key), f"unknown key '{key}' in {what} (known: {known})")
    for name, spec in fields.items():
        if name not in doc.data or doc.data[name] is None:
            if spec.required:
                line = doc.line(name) if name in doc.data else doc.first_line - 1
                problems.add(path, line, f"missing required key '{name}' in {what}")
            else:
                listed = spec.kind in ("str_list", "mapping_list")
                clean[name] = list(spec.default) if listed else spec.default
            continue
        value, line = doc.data[name], doc.line(name)
        if not _type_ok(spec.kind, value):
            got = type(value).__name__
            problems.add(path, line, f"'{name}' must be {_TYPE_NAMES[spec.kind]}, not {got}")
            continue
        if spec.kind == "str":
            value = value.strip()
            if spec.non_empty and not value:
                problems.add(path, line, f"'{name}' must not be empty")
            elif spec.choices and value not in spec.choices:
                allowed = ", ".join(spec.choices)
                problems.add(path, line, f"'{name}' must be one of {allowed}, not '{value}'")
        elif spec.kind in ("int", "number"):
            if spec.minimum is not None and value < spec.minimum:
                problems.add(path, line, f"'{name}' must be at least {spec.minimum:g}")
            elif spec.maximum is not None and value > spec.maximum:
                problems.add(path, line, f"'{name}' must be at most {spec.maximum:g}")
        elif spec.kind == "mapping_list":
            item_lines = doc.item_lines.get(name, [])
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    item_line = item_lines[index] if index < len(item_lines) else line
                    problems.add(path, item_line, f"each item of '{name}' must be a mapping")
            value = list(value)
        else:
            item_lines = doc.item_lines.get(name, [])
            items = []
            for index, item in enumerate(value):
                item_line = item_lines[index] if index < len(item_lines) else line
                if not isinstance(item, str) or not item.strip():
                    problems.add(path, item_line, f"each item of '{name}' must be non-empty text")
                elif spec.choices and item.strip() not in spec.choices:
                    allowed = ", ".join(spec.choices)
                    problems.add(path, item_line, f"'{item}' in '{name}' is not one of {allowed}")
                else:
                    items.append(item.strip())
            if spec.non_empty and not value:
                problems.add(path, line, f"'{name}' must list at least one item")
            elif spec.max_items is not None and len(value) > spec.max_items:
                problems.add(
                    path,
                    line,
                    f"'{name}' lists {len(value)} items; at most {spec.max_items} are allowed",
                )
            value = items
        clean[name] = value
    return clean if len(problems) == before else None
