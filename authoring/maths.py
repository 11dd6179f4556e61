"""LaTeX maths to MathML, once, when a document is rendered.

Browsers lay out MathML Core themselves (Chromium, Firefox and Safari), so a page with
maths needs no JavaScript and reads the same with it turned off. The converter,
``math-core``, writes MathML Core rather than full MathML: bold letters become the
Unicode mathematical bold letters instead of a ``mathvariant`` that Chromium ignores,
and TeX's spacing around operators is spelled out. Each formula keeps its LaTeX source
in ``<annotation encoding="application/x-tex">``, for copying and for assistive tools.

A formula that cannot be converted, or that would need markup the site's allow-list
(``authoring.html``) removes, raises ``MathsError``: the author hears about it with
the file and line, and no reader ever sees half a formula.
"""

from __future__ import annotations

import re

from math_core import LatexError, LatexToMathML

from .html import mathml_unsupported

# \bar writes the macron U+00AF, whose hairline Chromium draws as nothing at text sizes;
# the modifier-letter macron U+02C9 is the same mark with a stroke that survives.
_MACRON_ACCENT = ('<mo stretchy="false">\u00af</mo>', '<mo stretchy="false">\u02c9</mo>')
# math-core's compact errors start with the character offset in the formula: "9: ...".
_OFFSET_RE = re.compile(r"^(?P<offset>\d+):\s*(?P<message>.*)$", re.DOTALL)


class MathsError(ValueError):
    """A formula that cannot be shown.

    ``offset`` is where in the formula it went wrong, in UTF-8 bytes (the converter's unit).
    """

    def __init__(self, message: str, *, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


def mathml_from_tex(tex: str, *, display: bool) -> str:
    """One formula as a ``<math>`` element (``display="block"`` when ``display``)."""
    # A converter refuses to be shared between threads and costs under a microsecond
    # to make, so each formula gets its own.
    converter = LatexToMathML(annotation=True, fancy_error=False)
    try:
        markup = converter.convert_with_local_state(tex, displaystyle=display)
    except LatexError as exc:
        match = _OFFSET_RE.match(str(exc))
        if match is None:
            raise MathsError(str(exc)) from None
        message = match["message"].rstrip(".")
        raise MathsError(message, offset=int(match["offset"])) from None
    markup = markup.replace(*_MACRON_ACCENT)
    unsupported = mathml_unsupported(markup)
    if unsupported:
        raise MathsError(f"the site cannot show {unsupported[0]}, which this formula needs")
    return markup
