"""Figures drawn by a lesson's own code, once, at sync time.

A module's fenced block ```` ```python figure caption="..." alt="..." ```` is executed
with the module's other ```` ```python ```` blocks, in order and in one namespace (so a
figure can plot what the lesson computed), and the one matplotlib figure it draws is
stored as an SVG, or as a PNG when the SVG would be huge (a scatter of many thousands of
points). The page then shows an ``<img>`` in a ``<figure>`` with the caption, the alt
text and the block's code in a "Show the code" disclosure (``courseware.content``).

* **Once, not per request.** The file's name holds a hash of everything that decides
  the drawing: every python block up to the figure, the caption, the library versions
  and this renderer's version. A sync finds the files already made and runs nothing; a
  changed lesson, or an upgraded library, gets new names, so a browser that cached an
  old figure forever (the names are immutable) never shows it for new code.
* **Apart from the site.** The lesson runs in a child process (``python -m
  authoring.figures``) with the Agg backend in an empty temporary directory, under a
  time limit, so a lesson cannot change the sync's own state or hang it. An error is
  reported with the Markdown file's line, as every content problem is.
* **Readable in dark mode.** Figures are drawn with a transparent background; the
  stylesheet turns their lightness around on a dark screen (reading.css).

Nothing here imports Django: the content loader passes paths and gets results.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Bump when the drawing or the SVG clean-up changes, so every figure is drawn again.
RENDERER_VERSION = "2"
# An SVG larger than this is replaced by a PNG (its vectors would cost more than pixels).
SVG_MAX_BYTES = 150_000
PNG_DPI = 160
# A whole module's code, figures included, must finish within this many seconds.
RUN_TIMEOUT = 240
FIGURE_WORD = "figure"
REQUIRED_ATTRIBUTES = ("caption", "alt")
KNOWN_ATTRIBUTES = frozenset(REQUIRED_ATTRIBUTES)
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*-[0-9a-f]{16}\.(?:svg|png)$")
_LIBRARIES = ("matplotlib", "numpy", "pandas", "sklearn", "scipy")


class FigureInfoError(ValueError):
    """A figure fence's info string cannot be read (the message says why)."""


@dataclass
class FenceInfo:
    language: str
    figure: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


def fence_info(line: str) -> FenceInfo:
    """Read a fence's opening line: its language, and for a figure its attributes.

    Raises ``FigureInfoError`` for a figure whose info string is malformed, lacks a
    required attribute or has an unknown one. Other fences are never refused here.
    """
    info = line.strip().lstrip("`~").strip()
    first = info.split(None, 1)[0].lower() if info else ""
    rest = info[len(first) :].strip()
    if not rest.startswith(FIGURE_WORD) or first != "python":
        return FenceInfo(first)
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise FigureInfoError(f"cannot read the figure's attributes: {exc}") from None
    if words[0] != FIGURE_WORD:
        return FenceInfo(first)
    attrs: dict[str, str] = {}
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep:
            raise FigureInfoError(f"figure attribute '{word}' must be written key=\"value\"")
        if key not in KNOWN_ATTRIBUTES:
            known = ", ".join(sorted(KNOWN_ATTRIBUTES))
            raise FigureInfoError(f"unknown figure attribute '{key}' (known: {known})")
        attrs[key] = " ".join(value.split())
    for key in REQUIRED_ATTRIBUTES:
        if not attrs.get(key):
            raise FigureInfoError(f'a figure needs a non-empty {key}="..."')
    return FenceInfo(first, True, attrs)


@dataclass
class Block:
    """One ```python block of a module: ``line`` is the file line of its first code line."""

    line: int
    code: str
    figure: bool = False
    caption: str = ""
    alt: str = ""
    name: str = ""  # the figure's file name without extension, set by ``figures_plan``


@dataclass
class Figure:
    """A drawn figure: its file under the figures directory and its size in CSS pixels."""

    file: str
    width: int
    height: int


@dataclass
class RunResult:
    figures: dict[int, Figure] = field(default_factory=dict)  # by block line
    # (file line, message): the first block that failed stops the run.
    problems: list[tuple[int, str]] = field(default_factory=list)


def _versions() -> str:
    from importlib import metadata

    parts = [RENDERER_VERSION, f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for name in _LIBRARIES:
        dist = "scikit-learn" if name == "sklearn" else name
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return ";".join(parts)


def figures_plan(slug: str, blocks: list[Block]) -> list[Block]:
    """Name each figure block ``<slug>-<n>-<hash>``, from the code that leads to it."""
    digest = hashlib.sha256(_versions().encode())
    number = 0
    for block in blocks:
        digest.update(b"\0block\0" + block.code.encode())
        if block.figure:
            number += 1
            mine = digest.copy()
            mine.update(f"\0{block.caption}\0{block.alt}".encode())
            block.name = f"{slug}-{number}-{mine.hexdigest()[:16]}"
    return blocks


def _cached(block: Block, out_dir: Path) -> Figure | None:
    for ext in ("svg", "png"):
        path = out_dir / f"{block.name}.{ext}"
        size = out_dir / f"{block.name}.{ext}.json"
        if path.is_file() and size.is_file():
            try:
                data = json.loads(size.read_text())
                return Figure(path.name, int(data["width"]), int(data["height"]))
            except (ValueError, KeyError, TypeError):
                return None
    return None


def module_figures(
    *, path: str, slug: str, blocks: list[Block], out_dir: Path, timeout: float = RUN_TIMEOUT
) -> RunResult:
    """Make sure every figure of a module is drawn; run the module's code if one is not.

    ``path`` names the Markdown file in problems; ``blocks`` are all its python blocks in
    order. Returns each figure by its block's line, or the problem that stopped the run.
    """
    figures_plan(slug, blocks)
    wanted = [b for b in blocks if b.figure]
    result = RunResult()
    if not wanted:
        return result
    cached = {b.line: _cached(b, out_dir) for b in wanted}
    if all(cached.values()):
        result.figures = cached  # type: ignore[assignment]
        return result
    out_dir.mkdir(parents=True, exist_ok=True)
    request = {"path": path, "out_dir": str(out_dir), "blocks": [asdict(b) for b in blocks]}
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory(prefix="lesson-figures-") as workdir:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "authoring.figures"],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                cwd=workdir,
                env=env,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            first = blocks[0].line - 1 if blocks else 1
            result.problems.append(
                (first, f"the module's code did not finish drawing its figures in {timeout:g} s")
            )
            return result
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        result.problems.append((wanted[0].line - 1, f"drawing the figures failed: {tail[0]}"))
        return result
    for line, message in answer.get("problems", []):
        result.problems.append((int(line), message))
    for line, data in answer.get("figures", {}).items():
        result.figures[int(line)] = Figure(**data)
    return result


# -- the child process -------------------------------------------------------------------

_NUMBER_RE = re.compile(r"-?\d+\.\d{3,}")
_ATTR_RE = re.compile(
    r'(?P<attr>\s(?:d|points|transform|x|y|width|height|x1|x2|y1|y2|cx|cy|r)=")(?P<value>[^"]*)"'
)


def _round_numbers(match: re.Match) -> str:
    value = _NUMBER_RE.sub(lambda n: f"{float(n[0]):.2f}".rstrip("0").rstrip("."), match["value"])
    return f'{match["attr"]}{value}"'


def svg_clean(svg: str) -> str:
    """Smaller, stable SVG: no comments or metadata, coordinates to 1/100 pt, no indent."""
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = _ATTR_RE.sub(_round_numbers, svg)
    svg = re.sub(r">\s+<", "><", svg)
    return svg.strip() + "\n"


def _line_of(exc: BaseException, path: str, fallback: int) -> int:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == path and frame.lineno:
            return frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == path and exc.lineno:
        return exc.lineno
    return fallback


def _save(fig, name: str, out_dir: Path) -> dict:
    import io

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None})
    svg = svg_clean(buffer.getvalue())
    width_in, height_in = fig.get_size_inches()
    size = {"width": round(width_in * 96), "height": round(height_in * 96)}
    if len(svg.encode()) <= SVG_MAX_BYTES:
        file, data = f"{name}.svg", svg.encode()
    else:
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=PNG_DPI, transparent=True, metadata={"Software": None})
        file, data = f"{name}.png", raw.getvalue()
    target = out_dir / file
    partial = out_dir / f".{file}.{os.getpid()}"
    partial.write_bytes(data)
    os.replace(partial, target)
    (out_dir / f"{file}.json").write_text(json.dumps(size))
    return {"file": file, **size}


def _child(request: dict) -> dict:
    import contextlib
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({
        "svg.fonttype": "none",  # text stays text: smaller, sharper, selectable
        "svg.hashsalt": "lesson-figure",  # stable ids, so the same code makes the same file
        "font.family": "sans-serif",
        "font.size": 10.5,
        "axes.titlesize": 11,
        "figure.dpi": 96,
    })  # fmt: skip
    path, out_dir = request["path"], Path(request["out_dir"])
    namespace = {"__name__": "lesson"}
    answer: dict = {"figures": {}, "problems": []}
    for block in request["blocks"]:
        plt.close("all")
        code = "\n" * (block["line"] - 1) + block["code"]
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, path, "exec"), namespace)  # noqa: S102 (trusted lesson code)
        except BaseException as exc:  # noqa: BLE001 (any failure is the author's to see)
            line = _line_of(exc, path, block["line"])
            kind = type(exc).__name__
            answer["problems"].append((line, f"this code raised {kind}: {exc}".strip()))
            return answer
        drawn = plt.get_fignums()
        if not block["figure"]:
            continue
        if len(drawn) != 1:
            answer["problems"].append((
                block["line"] - 1,
                f"a figure block must draw exactly one figure; this one drew {len(drawn)}",
            ))  # fmt: skip
            return answer
        answer["figures"][block["line"]] = _save(plt.figure(drawn[0]), block["name"], out_dir)
    plt.close("all")
    return answer


def _main() -> None:
    request = json.loads(sys.stdin.read())
    answer = _child(request)
    sys.stdout.write("\n" + json.dumps(answer) + "\n")


if __name__ == "__main__":
    _main()
