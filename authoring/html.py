"""The site's one HTML allow-list and sanitiser, and the Markdown set-up around them.

Lessons (rendered at sync) and blog posts (rendered on save) both come through here, so
one reviewed list decides what markup reaches a reader's browser. Authors and staff are
trusted to write, not to run code in visitors' browsers: whatever the Markdown holds
(raw HTML, ``<script>``, ``on*`` handlers, ``javascript:`` or ``data:`` URLs), only the
allow-listed tags and attributes with http(s)/mailto URLs survive.

Maths reaches the page as MathML made at sync time (``authoring.maths``). Its part of the
list was reviewed against everything the pinned converter can write: the MathML Core
elements, their presentation attributes and a few CSS properties for spacing, table
rules and colour. Nothing MathML-only may carry a link (``href``) or an event handler,
and ``annotation-xml``, ``maction`` and ``mglyph`` (an HTML way in, a script hook and an
image) are not on it. ``mathml_unsupported`` reads markup against the same list, so a
formula that needs more is reported to its author instead of being quietly cut down.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import Extension

HTML_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd",
    "li", "mark", "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title"})
# MathML Core, as written by authoring.maths: every element it emits except <menclose>
# (not part of MathML Core, so browsers ignore its notation) and <merror>.
MATHML_TAGS = frozenset({
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "mtext", "mspace",
    "msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts",
    "mprescripts", "mfrac", "msqrt", "mroot", "mpadded", "mphantom", "mtable", "mtr", "mtd",
})  # fmt: skip
# HTML the converter puts inside <mtext> for \textbf, \textit, \emph, \texttt, \sout.
MATHML_TEXT_TAGS = frozenset({"b", "i", "em", "code", "s"})
_SCRIPT_LEVEL = frozenset({"displaystyle", "scriptlevel"})
_OPERATOR = frozenset({
    "form", "stretchy", "symmetric", "largeop", "movablelimits", "lspace", "rspace", "minsize",
    "maxsize",
})  # fmt: skip
MATHML_ATTRIBUTES = {
    "math": frozenset({"display"}),
    "annotation": frozenset({"encoding"}),
    "mi": frozenset({"mathvariant"}),
    "mo": _OPERATOR,
    "mspace": frozenset({"width", "style"}),
    "mpadded": frozenset({"width", "voffset", "style"}),
    "mfrac": frozenset({"linethickness", "displaystyle"}),
    "mover": frozenset({"accent"}),
    "munder": frozenset({"accentunder"}),
    "munderover": frozenset({"accent", "accentunder"}),
    "mrow": _SCRIPT_LEVEL | {"style"},
    "mtable": _SCRIPT_LEVEL | {"style"},
    "mtd": frozenset({"style"}),
    "mtext": frozenset({"style"}),
}
# The only CSS that survives in a style attribute (only MathML elements may have one):
# negative and padded spacing, array rules and alignment, \color, \large and friends.
MATHML_STYLE_PROPERTIES = frozenset({
    "margin-left", "width", "padding-left", "padding-right", "padding-top",
    "padding-bottom", "border-top", "border-left", "border-right", "text-align",
    "justify-items", "color", "font-size", "math-shift",
})  # fmt: skip
ALLOWED_TAGS = HTML_TAGS | MATHML_TAGS
ALLOWED_ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
    **MATHML_ATTRIBUTES,
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with their content, not just unwrapped: what sits inside them is code
# or a fallback for an embed that is not allowed, never text meant for the reader.
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template"}
)

# What both renderers enable; each adds its own (the curriculum: admonitions and links
# between modules).
MARKDOWN_EXTENSIONS = ("fenced_code", "codehilite", "tables", "toc", "sane_lists", "footnotes")
MARKDOWN_CONFIGS = {
    # Pygments classes (styled in reading.css); never guess a language.
    "codehilite": {"css_class": "highlight", "guess_lang": False},
    # Anchors come from the heading text, so they stay put between renders.
    "toc": {"toc_depth": "2-3"},
    "tables": {"use_align_attribute": True},
}

# nh3 writes every attribute double-quoted, so this matches any link it let through.
_LINK_RE = re.compile(r'<a\s[^>]*?href="(?P<href>[^"]*)"[^>]*>')
_EXTERNAL_RE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def markdown_new(*extensions: str | Extension) -> markdown.Markdown:
    """A converter with the shared set-up plus ``extensions``.

    One per document: a converter keeps footnotes and the table of contents between calls.
    """
    return markdown.Markdown(
        extensions=[*MARKDOWN_EXTENSIONS, *extensions],
        extension_configs=MARKDOWN_CONFIGS,
        output_format="html",
    )


def sanitise(html_text: str, *, external_rel: str | None = None) -> str:
    """Keep only allow-listed markup; comments go too.

    With ``external_rel``, links that leave the site (``https://``, ``//``) get that
    ``rel``. Raw HTML cannot bring its own: ``rel`` is not an allowed attribute.
    """
    clean = nh3.clean(
        html_text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # nh3 would mark every link; only external ones are wanted
        strip_comments=True,
        filter_style_properties=set(MATHML_STYLE_PROPERTIES),
    )
    if external_rel is None:
        return clean

    def mark(match: re.Match) -> str:
        tag = match[0]
        if _EXTERNAL_RE.match(match["href"]):
            return f'{tag[:-1]} rel="{html.escape(external_rel)}">'
        return tag

    return _LINK_RE.sub(mark, clean)


_PRE_RE = re.compile(r"<pre(?=[\s>])")
# A highlighted block as codehilite writes it: Pygments closes every span at each line's
# end, so the code splits into whole lines at its newlines.
_HIGHLIGHTED_RE = re.compile(
    r'(?P<open><div class="highlight"><pre>(?:<span></span>)?<code>)(?P<code>.*?)(?P<close></code></pre>)',
    re.DOTALL,
)
_INDENT_RE = re.compile(r"( *)(.*)", re.DOTALL)
_TABLE_OPEN_RE = re.compile(r"<table(?=[\s>])")


def _code_lines_mark(match: re.Match) -> str:
    if 'class="hll"' in match["code"]:  # a highlighted line's span holds its newline
        return match[0]
    lines = match["code"].split("\n")
    last = lines.pop() if lines[-1] == "" else None
    marked = []
    for line in lines:
        indent, text = _INDENT_RE.fullmatch(line).groups()
        marked.append(
            f'<span class="code-line"><span class="code-indent">{indent}</span>'
            f'<span class="code-text">{text}\n</span></span>'
        )
    if last is None:  # no newline after the last line: keep it that way
        marked[-1] = marked[-1].replace("\n</span></span>", "</span></span>")
    return match["open"] + "".join(marked) + match["close"]


def code_lines_mark(html_text: str) -> str:
    """Wrap each line of a highlighted code block in ``span.code-line``, its leading
    spaces in ``span.code-indent`` and the rest in ``span.code-text``.

    The text is unchanged (copying a block copies the same code). It lets a stylesheet
    wrap a long line with its continuation hanging past the line's own indentation,
    as a code editor does, so a wrapped line cannot be mistaken for the next one.
    """
    return _HIGHLIGHTED_RE.sub(_code_lines_mark, html_text)


def scrollables_mark(html_text: str) -> str:
    """Make every block that may scroll sideways reachable and named for keyboard users.

    A wide code sample or table scrolls inside its own box, not the page: each table is
    put in a ``div.table-wrap``, and that wrapper and each ``<pre>`` become a focusable,
    labelled region (``tabindex="0"``, "Code example 2", "Table 1"), so arrow keys can
    scroll it and a screen reader says what has focus (WCAG 2.1.1; axe-core's
    ``scrollable-region-focusable``). The names are numbered in document order, one
    count for code and one for tables, so no two regions of a page share a name. This
    runs after ``sanitise``, which allows none of these attributes to authors.
    """
    counts = {"code": 0, "table": 0}

    def pre(_match: re.Match) -> str:
        counts["code"] += 1
        return f'<pre tabindex="0" role="region" aria-label="Code example {counts["code"]}"'

    def table(match: re.Match) -> str:
        counts["table"] += 1
        return (
            f'<div class="table-wrap" tabindex="0" role="region"'
            f' aria-label="Table {counts["table"]}">{match[0]}'
        )

    marked = _PRE_RE.sub(pre, html_text)
    return _TABLE_OPEN_RE.sub(table, marked).replace("</table>", "</table></div>")


def plain_text(html_text: str) -> str:
    """The text a reader sees, on one line: for summaries and word counts.

    A formula counts as what it shows, not as its LaTeX source (kept in <annotation>).
    """
    reader = _TextReader()
    reader.feed(html_text)
    reader.close()
    return " ".join("".join(reader.parts).split())


class _TextReader(HTMLParser):
    # nh3 would drop a formula's text along with its (disallowed) MathML tags.
    SKIP = DROP_WITH_CONTENT | {"annotation"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


class _MathmlReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsupported: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MATHML_TAGS | MATHML_TEXT_TAGS:
            self.unsupported.append(f"<{tag}>")
            return
        allowed = GLOBAL_ATTRIBUTES | MATHML_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                self.unsupported.append(f'the attribute {name}="{value}" on <{tag}>')
            elif name == "style":
                for declaration in (value or "").split(";"):
                    prop = declaration.partition(":")[0].strip().lower()
                    if prop and prop not in MATHML_STYLE_PROPERTIES:
                        self.unsupported.append(f"the style {declaration.strip()} on <{tag}>")

    handle_startendtag = handle_starttag


def mathml_unsupported(markup: str) -> list[str]:
    """What in ``markup`` (one <math> element) the allow-list would remove, in order."""
    reader = _MathmlReader()
    reader.feed(markup)
    reader.close()
    return reader.unsupported
