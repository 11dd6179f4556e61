"""Read every file under CONTENT_DIR, check it, and render it into a plan.

Nothing here touches the database: ``content_load`` returns the plan (what the
database should hold) together with every problem found, each with its file and line.
Each exercise is also loaded as the grader will load it, which runs the author's
``cases.py`` and reference solution in this process (trusted code, as in the grader).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from authoring import figures as lesson_figures
from authoring.frontmatter import Document, document_parse
from authoring.problems import Problems

from .exercises import ExerciseLoading
from .files import file_read, rel_path
from .hours import StudyTime
from .links import link_target_path, links_check
from .markdown import QUIZ_LANG, Rendered, figure_blocks, quiz_blocks, render
from .plan import CourseSpec, GlossarySpec, ModuleSpec, Plan
from .quiz import quiz_parse
from .schema import (
    COURSE_FIELDS,
    GLOSSARY_FIELDS,
    GLOSSARY_FILE,
    MODULE_FIELDS,
    RESERVED_MODULE_SLUGS,
    SLUG_RE,
    fields_check,
)

MODULE_FILE_RE = re.compile(r"^(?P<order>\d{2})-(?P<slug>.+)\.md$")


class _Loader(ExerciseLoading):
    def __init__(self, root: Path, figures_dir: Path):
        self.root = root
        self.figures_dir = figures_dir
        self.problems = Problems()
        self.courses: list[CourseSpec] = []
        self.modules_by_path: dict[str, ModuleSpec] = {}
        self.exercise_paths: dict[str, str] = {}
        # Exercise folders waiting for the module list of their course.
        self._exercise_docs: list[tuple[str, str, Document, Path]] = []
        self.course_by_slug: dict[str, CourseSpec] = {}
        # Modules of a course whose course.md is invalid: checked, never loaded.
        self.orphan_modules: list[ModuleSpec] = []
        self.module_slugs: dict[str, set[str]] = {}  # every well-named module file, per course
        self.module_files: set[str] = set()
        # Exercise hints and explanation.md files: Markdown whose links are checked too.
        self._extra_documents: list[tuple[str, Document]] = []

    # -- reading front matter -------------------------------------------------
    def load(self) -> Plan:
        courses_dir = self.root / "courses"
        if not courses_dir.is_dir():
            self.problems.add("courses", 1, "there is no courses/ folder in the content directory")
            return Plan([])
        for course_dir in sorted(p for p in courses_dir.iterdir() if p.is_dir()):
            self._course_read(course_dir)
        self._orders_check()
        for course in self.courses:
            self._course_render(course)
        for module in self.orphan_modules:
            self._module_render(module)
        for course_slug, rel, doc, folder in self._exercise_docs:
            self._exercise_finish(course_slug, rel, doc, folder)
        for course in self.courses:
            self._hours_check(course)
        links_check(
            documents=self._documents(),
            modules=self.modules_by_path,
            module_files=self.module_files,
            problems=self.problems,
        )
        return Plan(self.courses)

    def _hours_check(self, course: CourseSpec) -> None:
        """``estimated_hours`` must be what the modules and exercises add up to. Skipped
        while another file of the course has a problem: a module or exercise that did not
        load has no minutes to count, and the figure would mislead."""
        folder = course.source_path.rsplit("/", 1)[0] + "/"
        if any(p.path.startswith(folder) for p in self.problems):
            return
        time = StudyTime(
            reading_minutes=sum(m.estimated_minutes for m in course.modules),
            exercise_minutes=sum(e.estimated_minutes for e in course.exercises),
            modules=len(course.modules),
            exercises=len(course.exercises),
        )
        if course.estimated_hours != time.hours:
            self.problems.add(
                course.source_path,
                course.document.meta.line("estimated_hours"),
                f"'estimated_hours' is {course.estimated_hours}, but the course adds up to "
                f"{time.hours}: {time.explanation()}; set it to {time.hours}",
            )

    def _course_read(self, course_dir: Path) -> None:
        rel = rel_path(course_dir / "course.md", self.root)
        slug = course_dir.name
        if not SLUG_RE.match(slug):
            self.problems.add(rel, 1, f"course folder name '{slug}' is not a valid slug")
            return
        if not (course_dir / "course.md").is_file():
            self.problems.add(rel, 1, "the course folder has no course.md")
            return
        text = file_read(course_dir / "course.md", rel, self.problems)
        doc = document_parse(text, path=rel, problems=self.problems) if text is not None else None
        values = (
            fields_check(
                doc.meta, COURSE_FIELDS, path=rel, problems=self.problems, what="course.md"
            )
            if doc
            else None
        )
        # Modules and exercises are checked even when course.md is broken, so authors see
        # every problem in one run and links to them do not fail as well.
        modules = self._modules_read(slug, course_dir / "modules")
        self._exercises_read(slug, course_dir / "exercises")
        if values is None:
            self.orphan_modules.extend(modules)
            return
        course = CourseSpec(slug=slug, source_path=rel, document=doc, modules=modules, **values)
        course.glossary = self._glossary_read(slug, course_dir / GLOSSARY_FILE)
        self.courses.append(course)
        self.course_by_slug[slug] = course

    def _glossary_read(self, course_slug: str, path: Path) -> GlossarySpec | None:
        """The optional glossary.md; links to it are resolved and checked like a module's."""
        if not path.is_file():
            return None
        rel = rel_path(path, self.root)
        text = file_read(path, rel, self.problems)
        doc = document_parse(text, path=rel, problems=self.problems) if text is not None else None
        if doc is None:
            return None
        values = fields_check(
            doc.meta, GLOSSARY_FIELDS, path=rel, problems=self.problems, what="glossary.md"
        )
        if values is None:
            return None
        url = reverse("courseware:glossary", kwargs={"course_slug": course_slug})
        glossary = GlossarySpec(source_path=rel, url=url, document=doc, **values)
        self.modules_by_path[rel] = glossary  # a link target like a module
        return glossary

    def _glossary_render(self, glossary: GlossarySpec) -> None:
        doc, rel = glossary.document, glossary.source_path
        self._no_quizzes(doc, rel)
        rendered = render(doc.body, first_line=doc.body_line, resolve_link=self._resolver(rel))
        self._rendering_problems(rel, rendered)
        glossary.body_html, glossary.anchors = rendered.html, rendered.anchors
        terms = [line for line in doc.body.splitlines() if line.startswith("### ")]
        glossary.term_count = len(terms)
        if not terms:
            self.problems.add(
                rel, doc.body_line, "a glossary needs at least one term, as a '### Term' heading"
            )

    def _modules_read(self, course_slug: str, modules_dir: Path) -> list[ModuleSpec]:
        modules: list[ModuleSpec] = []
        file_slugs = self.module_slugs.setdefault(course_slug, set())
        if not modules_dir.is_dir():
            return modules
        by_slug: dict[str, str] = {}
        by_order: dict[int, str] = {}
        for path in sorted(modules_dir.glob("*.md")):
            rel = rel_path(path, self.root)
            match = MODULE_FILE_RE.match(path.name)
            if not match or not SLUG_RE.match(match["slug"]):
                self.problems.add(
                    rel,
                    1,
                    "a module file must be named NN-<slug>.md, e.g. 01-programming-for-ml.md",
                )
                continue
            slug, order = match["slug"], int(match["order"])
            if slug in by_slug:
                self.problems.add(rel, 1, f"duplicate module slug '{slug}' (also {by_slug[slug]})")
                continue
            if order in by_order:
                self.problems.add(
                    rel, 1, f"duplicate module number {order:02d} (also {by_order[order]})"
                )
                continue
            by_slug[slug], by_order[order] = rel, rel
            file_slugs.add(slug)
            self.module_files.add(rel)
            if slug in RESERVED_MODULE_SLUGS:
                self.problems.add(
                    rel,
                    1,
                    f"'{slug}' cannot be a module slug: /courses/{course_slug}/{slug}/ is one "
                    "of the site's own pages; rename the file",
                )
                continue
            text = file_read(path, rel, self.problems)
            doc = (
                document_parse(text, path=rel, problems=self.problems) if text is not None else None
            )
            values = (
                fields_check(
                    doc.meta, MODULE_FIELDS, path=rel, problems=self.problems, what="module"
                )
                if doc
                else None
            )
            if values is None:
                continue
            module = ModuleSpec(slug=slug, order=order, source_path=rel, document=doc, **values)
            module.url = reverse(
                "courseware:module_detail",
                kwargs={"course_slug": course_slug, "module_slug": slug},
            )
            modules.append(module)
            self.modules_by_path[rel] = module
        return modules

    def _orders_check(self) -> None:
        seen: dict[int, str] = {}
        for course in self.courses:
            if course.order in seen:
                line = course.document.meta.line("order")
                self.problems.add(
                    course.source_path,
                    line,
                    f"order {course.order} is also used by {seen[course.order]}",
                )
            seen.setdefault(course.order, course.source_path)

    # -- rendering ----------------------------------------------------------
    def _resolver(self, source_path: str):
        def resolve(href: str) -> str | None:
            target, anchor = link_target_path(source_path, href)
            module = self.modules_by_path.get(target)
            if module is None:
                return None
            return module.url + (f"#{anchor}" if anchor else "")

        return resolve

    def _no_quizzes(self, doc: Document, rel: str) -> None:
        for block in quiz_blocks(doc.body, doc.body_line):
            self.problems.add(
                rel, block.line, f"```{QUIZ_LANG} blocks (knowledge checks) belong in modules only"
            )
        for line, _, figure in figure_blocks(doc.body, doc.body_line):
            if figure is not None:
                self.problems.add(
                    rel, line - 1, "```python figure blocks belong in modules only (they run there)"
                )

    def _figures_draw(self, module: ModuleSpec):
        """Draw the module's figures (or find them drawn); return the renderer's source."""
        doc, rel = module.document, module.source_path
        found: list[tuple[int, str]] = []
        blocks = [
            lesson_figures.Block(
                line, code, figure is not None, figure.caption if figure else "",
                figure.alt if figure else "",
            )
            for line, code, figure in figure_blocks(doc.body, doc.body_line, found)
        ]  # fmt: skip
        for line, message in found:
            self.problems.add(rel, line, message)
        result = lesson_figures.module_figures(
            path=rel, slug=module.slug, blocks=blocks, out_dir=self.figures_dir
        )
        for line, message in result.problems:
            self.problems.add(rel, line, message)
        base = settings.FIGURES_URL

        def source(line: int) -> tuple[str, int, int] | None:
            figure = result.figures.get(line)
            return (base + figure.file, figure.width, figure.height) if figure else None

        return source

    def _rendering_problems(self, rel: str, rendered: Rendered) -> None:
        for line, message in rendered.problems:
            self.problems.add(rel, line, message)

    def _course_render(self, course: CourseSpec) -> None:
        doc = course.document
        self._no_quizzes(doc, course.source_path)
        resolve = self._resolver(course.source_path)
        rendered = render(doc.body, first_line=doc.body_line, resolve_link=resolve)
        self._rendering_problems(course.source_path, rendered)
        course.body_html = rendered.html
        for module in course.modules:
            self._module_render(module)
        if course.glossary is not None:
            self._glossary_render(course.glossary)

    def _module_render(self, module: ModuleSpec) -> None:
        doc, rel = module.document, module.source_path
        resolve = self._resolver(rel)
        keys: dict[str, int] = {}
        for order, block in enumerate(quiz_blocks(doc.body, doc.body_line), start=1):
            question = quiz_parse(
                block, order=order, path=rel, problems=self.problems, resolve_link=resolve
            )
            if question is None:
                continue
            if question.key in keys:
                self.problems.add(
                    rel,
                    block.line,
                    f"quiz block: duplicate id '{question.key}' (also on line {keys[question.key]})",
                )
                continue
            keys[question.key] = block.line
            module.questions.append(question)
        rendered = render(
            doc.body,
            first_line=doc.body_line,
            resolve_link=resolve,
            quiz_keys=[q.key for q in module.questions],
            figure_source=self._figures_draw(module),
        )
        self._rendering_problems(rel, rendered)
        module.body_html, module.toc_html, module.anchors = (
            rendered.html,
            rendered.toc_html,
            rendered.anchors,
        )

    def _documents(self) -> list[tuple[str, Document]]:
        """Every document whose links are checked: pages, modules and exercise prompts."""
        documents: list[tuple[str, Document]] = []
        for course in self.courses:
            documents.append((course.source_path, course.document))
            documents.extend((m.source_path, m.document) for m in course.modules)
            if course.glossary is not None:
                documents.append((course.glossary.source_path, course.glossary.document))
        documents.extend((m.source_path, m.document) for m in self.orphan_modules)
        documents.extend((rel, doc) for _, rel, doc, _ in self._exercise_docs)
        documents.extend(self._extra_documents)
        return documents


def content_load(root: Path, figures_dir: Path | None = None) -> tuple[Plan, Problems]:
    """Validate and render the whole curriculum under ``root``.

    Lesson figures are drawn into ``figures_dir`` (default ``settings.FIGURES_ROOT``), or
    found there already drawn.
    """
    loader = _Loader(Path(root), Path(figures_dir or settings.FIGURES_ROOT))
    plan = loader.load()
    loader.problems.sort()
    return plan, loader.problems
