"""Reading the real curriculum under content/ for the curriculum tests."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from courseware.content.markdown import segments_split

CONTENT = Path(__file__).resolve().parents[3] / "content"
MODULE_FILES = sorted(CONTENT.glob("courses/*/modules/*.md"))


def module_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def split(path: Path) -> tuple[dict, str, int]:
    """(front matter, body, file line of the body's first line)."""
    text = path.read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta) or {}, body, meta.count("\n") + 3


def fenced(path: Path, language: str) -> list[tuple[int, str]]:
    """Each fenced block in that language: (line of its first code line, code)."""
    _, body, first_line = split(path)
    return [
        (seg.first_line + 1, "\n".join(seg.lines[1:-1]))
        for seg in segments_split(body, first_line)
        if seg.kind == "fence" and seg.info == language
    ]


@dataclass
class CodeBlock:
    language: str  # the info string's first word, lower case
    line: int  # file line of the block's first code line
    code: str
    attrs: dict[str, str] = field(default_factory=dict)  # key="value" words after it
    figure: bool = False  # ```python figure ...


def code_blocks(path: Path) -> list[CodeBlock]:
    """Every fenced block of a module in file order, with its info string's words."""
    _, body, first_line = split(path)
    out = []
    for seg in segments_split(body, first_line):
        if seg.kind != "fence":
            continue
        words = shlex.split(seg.lines[0].strip().lstrip("`~"))
        attrs = dict(w.split("=", 1) for w in words[1:] if "=" in w)
        figure = "figure" in words[1:]
        code = "\n".join(seg.lines[1:-1])
        out.append(CodeBlock(seg.info, seg.first_line + 1, code, attrs, figure))
    return out


def prose_words(path: Path) -> int:
    _, body, first_line = split(path)
    text = " ".join(
        "\n".join(seg.lines) for seg in segments_split(body, first_line) if seg.kind == "text"
    )
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))
