"""Markdown to safe HTML, once, at sync time.

Python-Markdown does the heavy lifting (fenced code with Pygments, tables, a table of
contents with stable anchors, admonitions, footnotes). Around it we:

* lift ```` ```quiz ```` blocks out of the body and leave a marker where each belongs;
* protect maths (``$...$`` or ``\\(...\\)`` inline, ``$$...$$`` or ``\\[...\\]`` for
  display) from Markdown so ``_``, ``*`` and ``\\`` survive, and turn each formula into
  MathML (``authoring.maths``), so pages need no maths JavaScript; a formula that cannot
  be converted becomes a problem with its file line (``Rendered.problems``);
* rewrite links to other modules' files (``02-data-preparation.md#anchor``) to URLs;
* sanitise the result with the site's one allow-list (``authoring.html``), even though
  authors are trusted.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from authoring.figures import FigureInfoError, fence_info
from authoring.html import code_lines_mark, markdown_new, sanitise, scrollables_mark
from authoring.maths import MathsError, mathml_from_tex

LinkResolver = Callable[[str], str | None]
# A figure block's first code line -> (image URL, width, height), or None if not drawn.
FigureSource = Callable[[int], tuple[str, int, int] | None]

FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)[^`]*$")
QUIZ_LANG = "quiz"
# A token made only of letters and digits passes through Markdown untouched.
_TOKEN = "qzmath{}qz"
# A formula's token with the text glued to it on either side (no space, no tag).
_INLINE_TOKEN_RE = re.compile(r"(?P<before>[^\s<>]*?)qzmath(?P<index>\d+)qz(?P<after>[^\s<>]*)")
_QUIZ_TOKEN = "qzquiz{}qz"
_QUIZ_TOKEN_P_RE = re.compile(r"<p>\s*qzquiz(\d+)qz\s*</p>")
_FIGURE_OPEN = "qzfigopen{}qz"
_FIGURE_CLOSE = "qzfigclose{}qz"
_FIGURE_TOKEN_P_RE = re.compile(r"<p>\s*qzfig(?P<end>open|close)(?P<index>\d+)qz\s*</p>")
# What a ```python block printed, shown under it (the lesson tests check it matches).
OUTPUT_LANG = "output"
_OUTPUT_OPEN, _OUTPUT_CLOSE = "qzoutputopenqz", "qzoutputcloseqz"
_OUTPUT_OPEN_HTML = '<div class="code-output"><p class="code-output-label">Output</p>'

QUIZ_MARKER = "<!--quiz:{}-->"
QUIZ_MARKER_RE = re.compile(r"<!--quiz:([a-z0-9][a-z0-9-]*)-->")

_MATH_RE = re.compile(
    r"(?P<code>(?P<ticks>`+)[^`]+?(?P=ticks))"  # inline code is left alone
    r"|(?P<escaped>\\\$)"  # \$ is a literal dollar sign
    r"|\$\$(?P<display>.+?)\$\$"
    r"|\\\[(?P<display_bracket>.+?)\\\]"
    r"|\\\((?P<inline_paren>.+?)\\\)"
    r"|\$(?=[^\s$])(?P<inline>(?:\\.|[^$\\])+?)(?<=[^\s\\])\$(?!\d)",
    re.DOTALL,
)
_LINK_RE = re.compile(r"\]\(\s*<?(?P<target>[^()\s<>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)", re.MULTILINE)
_CODE_SPAN_RE = re.compile(r"(`+)[^`]+?\1", re.DOTALL)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_ID_RE = re.compile(r'\sid="([^"]+)"')


@dataclass
class Segment:
    kind: str  # "text" | "fence"
    first_line: int
    lines: list[str]
    info: str = ""


@dataclass
class QuizBlock:
    line: int  # the opening fence
    text: str  # the YAML inside


@dataclass
class LinkRef:
    line: int
    target: str


@dataclass
class Formula:
    tex: str
    display: bool
    line: int  # the file line the LaTeX starts on


@dataclass
class FigureBlock:
    line: int  # the file line of its first code line
    code: str
    caption: str
    alt: str


@dataclass
class Rendered:
    html: str
    toc_html: str = ""
    anchors: set[str] = field(default_factory=set)
    # (file line, message) for each formula that could not be converted; the caller
    # knows the file and reports them.
    problems: list[tuple[int, str]] = field(default_factory=list)


def figure_blocks(
    text: str, first_line: int, problems: list[tuple[int, str]] | None = None
) -> list[tuple[int, str, FigureBlock | None]]:
    """Every ```python block, in order: (first code line, code, its figure or None).

    A figure block whose info string cannot be read adds a problem (when ``problems`` is
    given) and counts as a plain block.
    """
    out = []
    for seg in segments_split(text, first_line):
        if seg.kind != "fence" or seg.info != "python":
            continue
        code = "\n".join(seg.lines[1:-1])
        try:
            info = fence_info(seg.lines[0])
        except FigureInfoError as exc:
            if problems is not None:
                problems.append((seg.first_line, str(exc)))
            info = None
        figure = None
        if info is not None and info.figure:
            figure = FigureBlock(seg.first_line + 1, code, info.attrs["caption"], info.attrs["alt"])
        out.append((seg.first_line + 1, code, figure))
    return out


def _figure_open(number: int, figure: FigureBlock, source) -> str:
    caption = html.escape(figure.caption, quote=False)
    head = f'<div class="lesson-figure" id="figure-{number}"><figure>'
    if source is not None:
        src, width, height = source
        # The image links to itself, so a phone can open it full size and zoom in.
        head += (
            f'<a class="lesson-figure-link" href="{html.escape(src)}">'
            f'<img src="{html.escape(src)}" alt="{html.escape(figure.alt)}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async"></a>'
        )
    head += (
        f'<figcaption><span class="figure-number">Figure {number}.</span> {caption}</figcaption>'
        '</figure><details class="figure-code"><summary>Show the code</summary>'
    )
    return head


def segments_split(text: str, first_line: int) -> list[Segment]:
    """Split Markdown into plain text and fenced blocks, keeping file line numbers."""
    out: list[Segment] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        if match:
            fence = match["fence"]
            closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            end = i + 1
            while end < len(lines) and not closing.match(lines[end]):
                end += 1
            out.append(Segment("fence", first_line + i, lines[i : end + 1], match["info"].lower()))
            i = end + 1
            continue
        if out and out[-1].kind == "text":
            out[-1].lines.append(lines[i])
        else:
            out.append(Segment("text", first_line + i, [lines[i]]))
        i += 1
    return out


def links_find(text: str, first_line: int) -> list[LinkRef]:
    """Every link target in Markdown outside code, with its file line."""
    refs: list[LinkRef] = []
    for seg in segments_split(text, first_line):
        if seg.kind == "fence" and seg.info != QUIZ_LANG:
            continue
        chunk = "\n".join(seg.lines)
        chunk = _CODE_SPAN_RE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), chunk)
        for regex in (_LINK_RE, _REF_DEF_RE):
            for m in regex.finditer(chunk):
                line = seg.first_line + chunk.count("\n", 0, m.start("target"))
                refs.append(LinkRef(line, m["target"]))
    return sorted(refs, key=lambda r: r.line)


def link_is_file(target: str) -> bool:
    """A relative link to a Markdown file, i.e. one that must point at a module."""
    if _SCHEME_RE.match(target) or target.startswith(("#", "/")):
        return False
    return target.split("#", 1)[0].endswith(".md")


class _LinkRewriter(Treeprocessor):
    def __init__(self, md, resolve: LinkResolver):
        super().__init__(md)
        self.resolve = resolve

    def run(self, root):
        for element in root.iter("a"):
            href = element.get("href")
            if href and link_is_file(href):
                url = self.resolve(href)
                if url:
                    element.set("href", url)


class _LinkExtension(Extension):
    def __init__(self, resolve: LinkResolver):
        super().__init__()
        self.resolve = resolve

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API)
        md.treeprocessors.register(_LinkRewriter(md, self.resolve), "module_links", 1)


def _markdown(resolve: LinkResolver | None) -> markdown.Markdown:
    extensions: list = ["admonition"]
    if resolve is not None:
        extensions.append(_LinkExtension(resolve))
    return markdown_new(*extensions)


def _math_protect(text: str, first_line: int, maths: list[Formula]) -> str:
    def swap(m: re.Match) -> str:
        if m["code"] is not None:
            return m[0]
        if m["escaped"] is not None:
            return "&#36;"
        group = next(
            g for g in ("display", "display_bracket", "inline_paren", "inline") if m[g] is not None
        )
        raw = m[group]
        display = group.startswith("display")
        if group == "inline" and re.search(r"\n\s*\n", raw):
            return m[0]  # a stray dollar sign, not maths spanning paragraphs
        start = m.start(group) + len(raw) - len(raw.lstrip())
        line = first_line + text.count("\n", 0, start)
        maths.append(Formula(raw.strip(), display, line))
        return _TOKEN.format(len(maths) - 1)

    return _MATH_RE.sub(swap, text)


def _maths_convert(maths: list[Formula], problems: list[tuple[int, str]]) -> list[str]:
    """Each formula's MathML, or its LaTeX shown as code when it cannot be converted."""
    out = []
    for formula in maths:
        try:
            out.append(mathml_from_tex(formula.tex, display=formula.display))
        except MathsError as exc:
            line = formula.line + formula.tex.encode()[: exc.offset].count(b"\n")
            source = " ".join(formula.tex.split())
            if len(source) > 60:
                source = source[:59] + "…"
            problems.append((line, f"cannot show the formula '{source}': {exc.message}"))
            out.append(f'<code class="math-error">{html.escape(formula.tex, quote=False)}</code>')
    return out


def _math_restore(html_text: str, maths: list[Formula], mathml: list[str]) -> str:
    def block(m: re.Match) -> str:
        index = int(m[1])
        if not maths[index].display:
            return f"<p>{mathml[index]}</p>"
        return f'<div class="math-display">{mathml[index]}</div>'

    def inline(m: re.Match) -> str:
        index = int(m["index"])
        if maths[index].display:
            return f'{m["before"]}<span class="math-display">{mathml[index]}</span>{after(m)}'
        if not (m["before"] or m["after"]):
            return mathml[index]
        # A formula is one box, so a line could break between it and the text it touches
        # ("Binomial(n, p" then ")" in a narrow table cell): keep the word together.
        return f'<span class="math-word">{m["before"]}{mathml[index]}{after(m)}</span>'

    def after(m: re.Match) -> str:
        return _INLINE_TOKEN_RE.sub(inline, m["after"])  # it may hold the next formula

    html_text = re.sub(r"<p>\s*qzmath(\d+)qz\s*</p>", block, html_text)
    return _INLINE_TOKEN_RE.sub(inline, html_text)


def render(
    text: str,
    *,
    first_line: int = 1,
    resolve_link: LinkResolver | None = None,
    quiz_keys: list[str] | None = None,
    figure_source: FigureSource | None = None,
) -> Rendered:
    """Render a document body. Quiz blocks become ``<!--quiz:key-->`` markers.

    With ``figure_source`` (modules only), each ```python figure block becomes its image,
    numbered caption and a "Show the code" disclosure holding the block.
    """
    maths: list[Formula] = []
    parts: list[str] = []
    quiz_index = 0
    figures: list[tuple[FigureBlock, tuple[str, int, int] | None]] = []
    by_line = {}
    if figure_source is not None:
        by_line = {line: f for line, _, f in figure_blocks(text, first_line) if f is not None}
    for seg in segments_split(text, first_line):
        if seg.kind == "fence" and seg.info == QUIZ_LANG:
            parts.append(f"\n{_QUIZ_TOKEN.format(quiz_index)}\n")
            quiz_index += 1
        elif seg.kind == "fence" and seg.first_line + 1 in by_line:
            figure = by_line[seg.first_line + 1]
            figures.append((figure, figure_source(figure.line)))
            index = len(figures) - 1
            fence = "```"
            parts.append(
                f"\n{_FIGURE_OPEN.format(index)}\n\n{fence}python\n{figure.code}\n{fence}\n\n"
                f"{_FIGURE_CLOSE.format(index)}\n"
            )
        elif seg.kind == "fence" and seg.info == OUTPUT_LANG:
            block = "\n".join(seg.lines)
            parts.append(f"\n{_OUTPUT_OPEN}\n\n{block}\n\n{_OUTPUT_CLOSE}\n")
        elif seg.kind == "fence":
            parts.append("\n".join(seg.lines))
        else:
            parts.append(_math_protect("\n".join(seg.lines), seg.first_line, maths))
    md = _markdown(resolve_link)
    body = md.convert("\n".join(parts))
    toc_html = getattr(md, "toc", "") if getattr(md, "toc_tokens", None) else ""
    problems: list[tuple[int, str]] = []
    mathml = _maths_convert(maths, problems)
    body = _math_restore(body, maths, mathml)
    if figures:

        def figure_tag(m: re.Match) -> str:
            index = int(m["index"])
            if m["end"] == "close":
                return "</details></div>"
            figure, source = figures[index]
            return _figure_open(index + 1, figure, source)

        body = _FIGURE_TOKEN_P_RE.sub(figure_tag, body)
    body = body.replace(f"<p>{_OUTPUT_OPEN}</p>", _OUTPUT_OPEN_HTML)
    body = body.replace(f"<p>{_OUTPUT_CLOSE}</p>", "</div>")
    body = scrollables_mark(code_lines_mark(sanitise(body)))
    keys = quiz_keys or []

    def marker(m: re.Match) -> str:
        index = int(m[1])
        return QUIZ_MARKER.format(keys[index]) if index < len(keys) else ""

    body = _QUIZ_TOKEN_P_RE.sub(marker, body)
    toc_html = sanitise(_math_restore(toc_html, maths, mathml)) if toc_html else ""
    return Rendered(
        html=body, toc_html=toc_html, anchors=set(_ID_RE.findall(body)), problems=problems
    )


def quiz_blocks(text: str, first_line: int) -> list[QuizBlock]:
    return [
        QuizBlock(seg.first_line, "\n".join(seg.lines[1:-1]))
        for seg in segments_split(text, first_line)
        if seg.kind == "fence" and seg.info == QUIZ_LANG
    ]


def render_inline(
    text: str, *, first_line: int = 1, resolve_link: LinkResolver | None = None
) -> Rendered:
    """A short fragment (a quiz choice): one paragraph's content, without the ``<p>``."""
    rendered = render(text, first_line=first_line, resolve_link=resolve_link)
    out = rendered.html.strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    rendered.html = out
    return rendered
