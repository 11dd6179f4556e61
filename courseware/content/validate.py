"""Read every file under CONTENT_DIR, check it, and render it into a plan.

Nothing here touches the database: ``content_load`` returns the plan (what the
database should hold) together with every problem found, each with its file and line.
Each exercise is also loaded as the grader will load it, which runs the author's
``cases.py`` and reference solution in this process (trusted code, as in the grader).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import grader
from authoring.frontmatter import Document, YamlDoc, document_parse
from authoring.html import plain_text
from authoring.problems import Problems

from .links import link_target_path, links_check
from .markdown import QUIZ_LANG, Rendered, quiz_blocks, render
from .plan import CourseSpec, ExerciseSpec, ModuleSpec, Plan
from .quiz import quiz_parse
from .schema import (
    COURSE_FIELDS,
    EXERCISE_FIELDS,
    EXERCISE_FILES,
    EXPLANATION_FILE,
    IDENTIFIER_RE,
    MODULE_FIELDS,
    RESERVED_MODULE_SLUGS,
    SLUG_RE,
    fields_check,
)

MODULE_FILE_RE = re.compile(r"^(?P<order>\d{2})-(?P<slug>.+)\.md$")


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read(path: Path, rel: str, problems: Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.add(rel, 1, f"the file is not valid UTF-8 ({exc.reason})")
    except OSError as exc:
        problems.add(rel, 1, f"cannot read the file ({exc.strerror})")
    return None


class _Loader:
    def __init__(self, root: Path):
        self.root = root
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
        links_check(
            documents=self._documents(),
            modules=self.modules_by_path,
            module_files=self.module_files,
            problems=self.problems,
        )
        return Plan(self.courses)

    def _course_read(self, course_dir: Path) -> None:
        rel = _rel(course_dir / "course.md", self.root)
        slug = course_dir.name
        if not SLUG_RE.match(slug):
            self.problems.add(rel, 1, f"course folder name '{slug}' is not a valid slug")
            return
        if not (course_dir / "course.md").is_file():
            self.problems.add(rel, 1, "the course folder has no course.md")
            return
        text = _read(course_dir / "course.md", rel, self.problems)
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
        self.courses.append(course)
        self.course_by_slug[slug] = course

    def _modules_read(self, course_slug: str, modules_dir: Path) -> list[ModuleSpec]:
        modules: list[ModuleSpec] = []
        file_slugs = self.module_slugs.setdefault(course_slug, set())
        if not modules_dir.is_dir():
            return modules
        by_slug: dict[str, str] = {}
        by_order: dict[int, str] = {}
        for path in sorted(modules_dir.glob("*.md")):
            rel = _rel(path, self.root)
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
            text = _read(path, rel, self.problems)
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

    def _exercises_read(self, course_slug: str, exercises_dir: Path) -> None:
        if not exercises_dir.is_dir():
            return
        for folder in sorted(p for p in exercises_dir.iterdir() if p.is_dir()):
            rel = _rel(folder / "exercise.md", self.root)
            slug = folder.name
            if slug.startswith((".", "_")):
                continue  # __pycache__ and editor folders
            if not SLUG_RE.match(slug):
                self.problems.add(rel, 1, f"exercise folder name '{slug}' is not a valid slug")
                continue
            if slug in self.exercise_paths:
                other = self.exercise_paths[slug]
                self.problems.add(rel, 1, f"duplicate exercise slug '{slug}' (also {other})")
                continue
            self.exercise_paths[slug] = rel
            missing = [name for name in EXERCISE_FILES if not (folder / name).is_file()]
            if missing:
                self.problems.add(rel, 1, f"the exercise folder lacks {', '.join(missing)}")
                if "exercise.md" in missing:
                    continue
            text = _read(folder / "exercise.md", rel, self.problems)
            doc = (
                document_parse(text, path=rel, problems=self.problems) if text is not None else None
            )
            if doc is not None and not missing:
                self._exercise_docs.append((course_slug, rel, doc, folder))

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
        )
        self._rendering_problems(rel, rendered)
        module.body_html, module.toc_html, module.anchors = (
            rendered.html,
            rendered.toc_html,
            rendered.anchors,
        )

    def _exercise_finish(self, course_slug: str, rel: str, doc: Document, folder: Path) -> None:
        before = len(self.problems)
        values = fields_check(
            doc.meta, EXERCISE_FIELDS, path=rel, problems=self.problems, what="exercise.md"
        )
        if values is None:
            return
        if values["module"] not in self.module_slugs.get(course_slug, set()):
            self.problems.add(
                rel,
                doc.meta.line("module"),
                f"module '{values['module']}' does not exist in course '{course_slug}'",
            )
        if not IDENTIFIER_RE.match(values["entry"]):
            self.problems.add(rel, doc.meta.line("entry"), "'entry' must be a Python function name")
        self._no_quizzes(doc, rel)
        starter = _read(
            folder / "starter.py", _rel(folder / "starter.py", self.root), self.problems
        )
        # The grader reads these as UTF-8 as well: say so here, with the file, not in a traceback.
        solution = _read(
            folder / "solution.py", _rel(folder / "solution.py", self.root), self.problems
        )
        _read(folder / "cases.py", _rel(folder / "cases.py", self.root), self.problems)
        explanation = self._explanation_read(folder)
        loads = len(self.problems) == before and self._exercise_loads(folder)
        # The prompt's own problems (its maths) are reported whatever else is wrong.
        resolve = self._resolver(rel)
        rendered = render(doc.body, first_line=doc.body_line, resolve_link=resolve)
        self._rendering_problems(rel, rendered)
        course = self.course_by_slug.get(course_slug)
        if not loads or course is None:
            return
        prompt_html = rendered.html
        hints_html = self._hints_render(rel, doc, values["hints"])
        explanation_html = ""
        if explanation is not None:
            explained = render(explanation.body, resolve_link=resolve)
            self._rendering_problems(_rel(folder / EXPLANATION_FILE, self.root), explained)
            explanation_html = explained.html
        summary = plain_text(prompt_html.split("</p>", 1)[0])
        course.exercises.append(
            ExerciseSpec(
                slug=folder.name,
                module_slug=values["module"],
                order=values["order"],
                title=values["title"],
                summary=summary[:300],
                prompt_html=prompt_html,
                starter_code=starter,
                points=values["points"],
                pass_mark=values["pass_mark"],
                source_path=_rel(folder, self.root),
                hints_html=hints_html,
                solution_code=solution,
                solution_html=_code_html(solution),
                explanation_html=explanation_html,
            )
        )

    def _explanation_read(self, folder: Path) -> Document | None:
        """The optional explanation.md ("how we solved it"): plain Markdown, no front matter."""
        path = folder / EXPLANATION_FILE
        if not path.is_file():
            return None
        rel = _rel(path, self.root)
        text = _read(path, rel, self.problems)
        if text is None:
            return None
        document = Document(meta=YamlDoc(data={}, first_line=1), body=text, body_line=1)
        if not text.strip():
            self.problems.add(rel, 1, f"{EXPLANATION_FILE} is empty; write it or delete it")
        self._no_quizzes(document, rel)
        self._extra_documents.append((rel, document))
        return document

    def _hints_render(self, rel: str, doc: Document, hints: list[str]) -> list[str]:
        """Each hint to sanitised HTML; its links are checked like the prompt's."""
        lines = doc.meta.item_lines.get("hints", [])
        rendered = []
        for index, hint in enumerate(hints):
            line = lines[index] if index < len(lines) else doc.meta.line("hints")
            hint_doc = Document(meta=doc.meta, body=hint, body_line=line)
            self._no_quizzes(hint_doc, rel)
            self._extra_documents.append((rel, hint_doc))
            hint_rendered = render(hint, first_line=line, resolve_link=self._resolver(rel))
            self._rendering_problems(rel, hint_rendered)
            rendered.append(hint_rendered.html)
        return rendered

    def _exercise_loads(self, folder: Path) -> bool:
        """Load the exercise exactly as the grader will, reporting why it cannot.

        This runs ``cases.py`` with the reference solution, so a case that raises, points
        that do not add up or a solution without the entry function stop the sync instead
        of every learner's first submission.
        """
        try:
            grader.load_exercise(folder)
        except grader.ExerciseError as exc:
            self._grader_problem(exc, folder)
            return False
        return True

    def _grader_problem(self, exc: grader.ExerciseError, folder: Path) -> None:
        """Report ``exc`` at the file and line the grader names, else at exercise.md:1."""
        line = getattr(exc, "line", None)
        rel = self._content_path(getattr(exc, "path", None))
        if rel is None:
            rel, line, message = _rel(folder / "exercise.md", self.root), None, str(exc)
        else:
            # str() would repeat the location, which the problem shows itself.
            message = str(exc.args[0]) if exc.args else str(exc)
        # The grader names files by absolute path, for operators; authors read content paths.
        message = message.replace(str(folder.resolve()), _rel(folder, self.root))
        self.problems.add(rel, line or 1, f"the grader cannot load this exercise: {message}")

    def _content_path(self, path: str | None) -> str | None:
        if not path:
            return None
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None  # outside the content folder: not a file the author can open

    def _documents(self) -> list[tuple[str, Document]]:
        """Every document whose links are checked: pages, modules and exercise prompts."""
        documents: list[tuple[str, Document]] = []
        for course in self.courses:
            documents.append((course.source_path, course.document))
            documents.extend((m.source_path, m.document) for m in course.modules)
        documents.extend((m.source_path, m.document) for m in self.orphan_modules)
        documents.extend((rel, doc) for _, rel, doc, _ in self._exercise_docs)
        documents.extend(self._extra_documents)
        return documents


def _code_html(code: str) -> str:
    """Python source highlighted by the same renderer (and Pygments classes) as lessons."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return render(f"{fence}python\n{code.rstrip()}\n{fence}\n").html


def content_load(root: Path) -> tuple[Plan, Problems]:
    """Validate and render the whole curriculum under ``root``."""
    loader = _Loader(Path(root))
    plan = loader.load()
    loader.problems.sort()
    return plan, loader.problems
