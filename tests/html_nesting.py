"""A small HTML structure check for tests: end tags match their start tags, and no block
element sits inside an element that may hold only phrasing content (a list in a <p>,
a <div> in a <span> or <label>), which browsers silently repair and validators refuse."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
PHRASING_ONLY = {"p", "span", "label", "button", "strong", "em", "small", "h1", "h2", "h3"}
BLOCK = {
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
    "table", "ul",
}  # fmt: skip


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK:
            holder = next((open_tag for open_tag in self.stack if open_tag in PHRASING_ONLY), None)
            if holder is not None:
                self.problems.append(f"<{tag}> inside <{holder}> (line {self.getpos()[0]})")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            top = self.stack[-1] if self.stack else "nothing"
            self.problems.append(f"</{tag}> closes <{top}> (line {self.getpos()[0]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def html_nesting_problems(html: str) -> list[str]:
    """Every structural problem found in ``html``; empty when it is sound."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    checker.problems.extend(f"<{tag}> never closed" for tag in checker.stack)
    return checker.problems
