"""Knowledge-check blocks (```quiz): parsed, checked and rendered at sync time."""

from __future__ import annotations

import string
from dataclasses import dataclass

from authoring.frontmatter import yaml_parse
from authoring.problems import Problems

from .markdown import LinkResolver, QuizBlock, render, render_inline
from .schema import SLUG_RE

QUIZ_KEYS = ("id", "type", "question", "choices", "explanation")
CHOICE_KEYS = ("text", "correct")


@dataclass
class QuestionSpec:
    key: str
    order: int
    kind: str
    prompt_html: str
    choices: list[dict]  # [{"key": "a", "html": "..."}]
    correct: list[str]
    explanation_html: str
    line: int


def quiz_parse(
    block: QuizBlock,
    *,
    order: int,
    path: str,
    problems: Problems,
    resolve_link: LinkResolver | None,
) -> QuestionSpec | None:
    before = len(problems)
    doc = yaml_parse(
        block.text, first_line=block.line + 1, path=path, problems=problems, what="quiz block"
    )
    if doc is None:
        return None
    data = doc.data

    def bad(key: str | None, message: str) -> None:
        line = doc.line(key) if key else block.line
        problems.add(path, line, f"quiz block: {message}")

    for key in data:
        if key not in QUIZ_KEYS:
            bad(key, f"unknown key '{key}' (known: {', '.join(QUIZ_KEYS)})")
    for key in QUIZ_KEYS:
        if key not in data:
            bad(None, f"missing required key '{key}'")
    key = data.get("id")
    if "id" in data and not (isinstance(key, str) and SLUG_RE.match(key)):
        bad("id", "'id' must be a slug (lower-case letters, digits and hyphens)")
    kind = data.get("type")
    if "type" in data and kind not in ("single", "multiple"):
        bad("type", f"'type' must be single or multiple, not '{kind}'")
    for text_key in ("question", "explanation"):
        value = data.get(text_key)
        if text_key in data and not (isinstance(value, str) and value.strip()):
            bad(text_key, f"'{text_key}' must be non-empty text")

    choices = data.get("choices")
    correct: list[str] = []
    choice_texts: list[str] = []
    if "choices" in data:
        if not isinstance(choices, list) or len(choices) < 2:
            bad("choices", "'choices' must be a list of at least two choices")
        elif len(choices) > len(string.ascii_lowercase):
            bad("choices", "too many choices")
        else:
            key_lines = doc.item_key_lines.get("choices", [])
            item_lines = doc.item_lines.get("choices", [])
            for index, choice in enumerate(choices):
                line = item_lines[index] if index < len(item_lines) else doc.line("choices")
                if not isinstance(choice, dict):
                    problems.add(path, line, "quiz block: each choice needs 'text' (and 'correct')")
                    continue
                lines = key_lines[index] if index < len(key_lines) else {}
                for choice_key in choice:
                    if choice_key not in CHOICE_KEYS:
                        problems.add(
                            path,
                            lines.get(choice_key, line),
                            f"quiz block: unknown key '{choice_key}' in a choice",
                        )
                text = choice.get("text")
                if not isinstance(text, str) or not text.strip():
                    problems.add(path, line, "quiz block: a choice's 'text' must be non-empty")
                flag = choice.get("correct", False)
                if not isinstance(flag, bool):
                    problems.add(
                        path,
                        lines.get("correct", line),
                        "quiz block: 'correct' must be true or false",
                    )
                choice_texts.append(text if isinstance(text, str) else "")
                if flag is True:
                    correct.append(string.ascii_lowercase[index])
            if len(problems) == before:
                if kind == "single" and len(correct) != 1:
                    bad(
                        "choices",
                        f"a single-choice question needs exactly one correct choice, found {len(correct)}",
                    )
                elif kind == "multiple" and not correct:
                    bad("choices", "a multiple-choice question needs at least one correct choice")
    if len(problems) != before:
        return None

    def text_line(key: str) -> int:
        # A block scalar (``question: |``) starts on the line after its key.
        return doc.line(key) + (1 if data[key].endswith("\n") else 0)

    prompt = render(data["question"], first_line=text_line("question"), resolve_link=resolve_link)
    item_lines = doc.item_lines.get("choices", [])
    choices = [
        render_inline(
            text,
            first_line=item_lines[i] if i < len(item_lines) else doc.line("choices"),
            resolve_link=resolve_link,
        )
        for i, text in enumerate(choice_texts)
    ]
    explanation = render(
        data["explanation"], first_line=text_line("explanation"), resolve_link=resolve_link
    )
    for rendered in (prompt, *choices, explanation):
        for line, message in rendered.problems:
            problems.add(path, line, f"quiz block: {message}")
    if len(problems) != before:
        return None
    return QuestionSpec(
        key=key,
        order=order,
        kind=kind,
        prompt_html=prompt.html,
        choices=[
            {"key": string.ascii_lowercase[i], "html": choice.html}
            for i, choice in enumerate(choices)
        ],
        correct=correct,
        explanation_html=explanation.html,
        line=block.line,
    )
