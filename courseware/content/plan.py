"""What the database should hold after a sync: the contract between validate and sync.

``validate.content_load`` builds a ``Plan`` from the files (nothing here touches the
database); ``sync.plan_apply`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from authoring.frontmatter import Document

from .quiz import QuestionSpec


@dataclass
class ModuleSpec:
    slug: str
    order: int
    title: str
    summary: str
    objectives: list[str]
    estimated_minutes: int
    source_path: str
    body_html: str = ""
    toc_html: str = ""
    questions: list[QuestionSpec] = field(default_factory=list)
    # Used while loading only.
    document: Document | None = field(default=None, repr=False)
    url: str = ""
    anchors: set[str] = field(default_factory=set, repr=False)


@dataclass
class ExerciseSpec:
    slug: str
    module_slug: str
    order: int
    title: str
    summary: str
    prompt_html: str
    starter_code: str
    points: int
    pass_mark: int
    source_path: str
    # Progressive hints, each rendered to HTML; shown one at a time on request.
    hints_html: list[str] = field(default_factory=list)
    # solution.py and the optional explanation.md: for learners who have passed only.
    solution_code: str = ""
    solution_html: str = ""
    explanation_html: str = ""
    # Counted into the course's hours (course.md's estimated_hours).
    estimated_minutes: int = 0
    # The written parts' specifications, as the front matter gives them.
    written: list[dict] = field(default_factory=list)


@dataclass
class GlossarySpec:
    """A course's glossary page. Links to it are checked like links to a module."""

    title: str
    summary: str
    source_path: str
    url: str
    body_html: str = ""
    term_count: int = 0
    document: Document | None = field(default=None, repr=False)
    anchors: set[str] = field(default_factory=set, repr=False)


@dataclass
class CourseSpec:
    slug: str
    title: str
    subtitle: str
    summary: str
    level: str
    estimated_hours: int
    order: int
    outcomes: list[str]
    careers: list[str]
    pass_mark: int
    source_path: str
    body_html: str = ""
    modules: list[ModuleSpec] = field(default_factory=list)
    exercises: list[ExerciseSpec] = field(default_factory=list)
    document: Document | None = field(default=None, repr=False)
    glossary: GlossarySpec | None = None


@dataclass
class Plan:
    courses: list[CourseSpec]
