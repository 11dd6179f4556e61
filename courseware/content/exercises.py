"""The exercise half of the content loader: folders, front matter, hints, the
explanation, and loading each exercise exactly as the grader will.

``ExerciseLoading`` is mixed into the loader in ``validate.py``, whose state (the
problems, the content root, the courses and module slugs read so far) it shares.
"""

from __future__ import annotations

import re
from pathlib import Path

import grader
from authoring.frontmatter import Document, YamlDoc, document_parse
from authoring.html import plain_text

from .files import file_read, rel_path
from .markdown import render
from .plan import ExerciseSpec
from .schema import (
    EXERCISE_FIELDS,
    EXERCISE_FILES,
    EXPLANATION_FILE,
    IDENTIFIER_RE,
    SLUG_RE,
    fields_check,
)

# The longest summary the module page lists under an exercise's title.
SUMMARY_MAX_CHARS = 300


def summary_shorten(text: str, *, limit: int = SUMMARY_MAX_CHARS) -> str:
    """``text`` as it is when it fits in ``limit`` characters, else cut at the last
    word that fits and ended with an ellipsis (within the limit), never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


class ExerciseLoading:
    def _exercises_read(self, course_slug: str, exercises_dir: Path) -> None:
        if not exercises_dir.is_dir():
            return
        for folder in sorted(p for p in exercises_dir.iterdir() if p.is_dir()):
            rel = rel_path(folder / "exercise.md", self.root)
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
            text = file_read(folder / "exercise.md", rel, self.problems)
            doc = (
                document_parse(text, path=rel, problems=self.problems) if text is not None else None
            )
            if doc is not None and not missing:
                self._exercise_docs.append((course_slug, rel, doc, folder))

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
        starter = file_read(
            folder / "starter.py", rel_path(folder / "starter.py", self.root), self.problems
        )
        # The grader reads these as UTF-8 as well: say so here, with the file, not in a traceback.
        solution = file_read(
            folder / "solution.py", rel_path(folder / "solution.py", self.root), self.problems
        )
        file_read(folder / "cases.py", rel_path(folder / "cases.py", self.root), self.problems)
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
        written = self._written_check(rel, doc, values["written"])
        explanation_html = ""
        if explanation is not None:
            explained = render(explanation.body, resolve_link=resolve)
            self._rendering_problems(rel_path(folder / EXPLANATION_FILE, self.root), explained)
            explanation_html = explained.html
        summary = plain_text(prompt_html.split("</p>", 1)[0])
        course.exercises.append(
            ExerciseSpec(
                slug=folder.name,
                module_slug=values["module"],
                order=values["order"],
                title=values["title"],
                summary=summary_shorten(summary),
                prompt_html=prompt_html,
                starter_code=starter,
                points=values["points"],
                pass_mark=values["pass_mark"],
                source_path=rel_path(folder, self.root),
                hints_html=hints_html,
                estimated_minutes=values["estimated_minutes"],
                written=written,
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
        rel = rel_path(path, self.root)
        text = file_read(path, rel, self.problems)
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

    def _written_check(self, rel: str, doc: Document, items: list) -> list[dict]:
        """Each written part checked at its line, its prompt rendered like the prompt's."""
        item_lines = doc.meta.item_lines.get("written", [])
        key_lines = doc.meta.item_key_lines.get("written", [])
        if len(items) > WRITTEN_MAX_PARTS:
            self.problems.add(
                rel,
                doc.meta.line("written"),
                f"an exercise has at most {WRITTEN_MAX_PARTS} written parts, not {len(items)}",
            )
        parts: list[dict] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue  # fields_check reported it
            item_line = item_lines[index] if index < len(item_lines) else doc.meta.line("written")
            lines = key_lines[index] if index < len(key_lines) else {}
            part = self._written_item(rel, item, item_line, lines, index + 1)
            if part is None:
                continue
            if part["key"] in seen:
                line = lines.get("key", item_line)
                self.problems.add(rel, line, f"duplicate written part key '{part['key']}'")
                continue
            seen.add(part["key"])
            parts.append(part)
        return parts

    def _written_item(
        self, rel: str, item: dict, item_line: int, lines: dict[str, int], number: int
    ) -> dict | None:
        where = f"written part {number}"
        for name in item:
            if name not in WRITTEN_FIELDS:
                known = ", ".join(WRITTEN_FIELDS)
                self.problems.add(
                    rel, lines.get(name, item_line), f"unknown key '{name}' in {where} ({known})"
                )
        before = len(self.problems)  # an unknown key does not hide the other problems
        for name, (kind, required) in WRITTEN_FIELDS.items():
            line = lines.get(name, item_line)
            if name not in item:
                if required:
                    self.problems.add(rel, item_line, f"missing required key '{name}' in {where}")
                continue
            value = item[name]
            if not _written_type_ok(kind, value):
                self.problems.add(rel, line, f"'{name}' in {where} must be {_WRITTEN_TYPES[kind]}")
            elif kind == "int" and not WRITTEN_WORDS[0] <= value <= WRITTEN_WORDS[1]:
                low, high = WRITTEN_WORDS
                self.problems.add(
                    rel, line, f"'{name}' in {where} must be between {low} and {high} words"
                )
        if len(self.problems) > before:
            return None
        if not SLUG_RE.match(item["key"]):
            self.problems.add(rel, lines.get("key", item_line), f"'key' in {where} must be a slug")
        sections = [" ".join(s.split()) for s in item.get("sections", [])]
        if len({s.casefold() for s in sections}) != len(sections):
            self.problems.add(
                rel, lines.get("sections", item_line), f"{where} lists a section twice"
            )
        if item["min_words"] > item["max_words"]:
            self.problems.add(
                rel,
                lines.get("min_words", item_line),
                f"'min_words' ({item['min_words']}) is more than 'max_words' "
                f"({item['max_words']}) in {where}",
            )
        prompt_line = lines.get("prompt", item_line)
        prompt_doc = Document(
            meta=YamlDoc(data={}, first_line=1), body=item["prompt"], body_line=prompt_line
        )
        self._no_quizzes(prompt_doc, rel)
        self._extra_documents.append((rel, prompt_doc))
        rendered = render(item["prompt"], first_line=prompt_line, resolve_link=self._resolver(rel))
        self._rendering_problems(rel, rendered)
        if len(self.problems) > before:
            return None
        return {
            "key": item["key"],
            "title": " ".join(item["title"].split()),
            "prompt_html": rendered.html,
            "sections": sections,
            "min_words": item["min_words"],
            "max_words": item["max_words"],
        }

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
            rel, line, message = rel_path(folder / "exercise.md", self.root), None, str(exc)
        else:
            # str() would repeat the location, which the problem shows itself.
            message = str(exc.args[0]) if exc.args else str(exc)
        # The grader names files by absolute path, for operators; authors read content paths.
        message = message.replace(str(folder.resolve()), rel_path(folder, self.root))
        self.problems.add(rel, line or 1, f"the grader cannot load this exercise: {message}")

    def _content_path(self, path: str | None) -> str | None:
        if not path:
            return None
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None  # outside the content folder: not a file the author can open


# The keys of a written part: (kind, required).
WRITTEN_FIELDS = {
    "key": ("str", True),
    "title": ("str", True),
    "prompt": ("str", True),
    "sections": ("str_list", False),
    "min_words": ("int", True),
    "max_words": ("int", True),
}
WRITTEN_MAX_PARTS = 4
WRITTEN_WORDS = (50, 5000)
_WRITTEN_TYPES = {
    "str": "non-empty text",
    "str_list": "a list of non-empty text items",
    "int": "a whole number",
}


def _written_type_ok(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str) and bool(value.strip())
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _code_html(code: str) -> str:
    """Python source highlighted by the same renderer (and Pygments classes) as lessons."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return render(f"{fence}python\n{code.rstrip()}\n{fence}\n").html
