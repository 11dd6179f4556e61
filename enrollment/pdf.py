"""The certificate as a one-page A4 landscape PDF, drawn on the server.

fpdf2 lays the page out and embeds subsets of the DejaVu fonts kept in ``fonts/`` (read
from the project, never from the system, so every server prints the same glyphs); segno
draws the QR code of the verify URL, embedded as a 1-bit PNG so a scanner or a test can
read it back out of the file. The PDF copies the certificate page: issuer, name, course,
score, date, ID, verify URL. Names are drawn in Unicode normalisation form C, so a name
typed with combining accents prints with the font's precomposed letters. A name or
title the fonts cannot draw whole gets no PDF (``pdf_can_print``).
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import unicodedata
from pathlib import Path

import segno
from django.conf import settings
from django.core.cache import cache
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from .models import Certificate

FONTS = Path(__file__).resolve().parent / "fonts"
# family -> {style: file}; fpdf2 subsets each to the glyphs the page uses.
FONT_FILES = {
    "DejaVuSans": {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"},
    "DejaVuSerif": {"B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf"},
}

# The certificate page's palette (static/css/certificate.css).
NAVY = (31, 78, 140)
GOLD = (201, 162, 39)
INK = (33, 37, 41)
MUTED = (88, 96, 105)
PAPER = (255, 253, 247)

# fontTools logs every subsetting step at INFO; the site's INFO log has no use for them.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

PAGE_W, PAGE_H = 297, 210  # mm, A4 landscape
TEXT_W = 225  # the width centred text may use
QR_SIZE = 34  # mm, quiet zone included


# Drawing one takes about half a second, most of it reading the fonts, so each PDF is
# kept in the cache: a certificate never changes once issued, and a revoked one is
# refused before the cache is asked. The key changes with this file (the layout).
PDF_CACHE_SECONDS = 24 * 60 * 60
_LAYOUT = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def pdf_can_print(text: str) -> bool:
    """Do the embedded fonts draw every character of ``text``?

    DejaVu has no CJK, Arabic or Devanagari glyphs, for instance, and a PDF that left
    part of a name out would misstate whose certificate it is; the certificate page,
    drawn by the reader's browser with its own fonts, shows such names whole.
    """
    wanted = {ord(c) for c in unicodedata.normalize("NFC", text) if not c.isspace()}
    return all(wanted <= _characters(file_name) for file_name in _NAME_AND_TITLE_FONTS)


_NAME_AND_TITLE_FONTS = (FONT_FILES["DejaVuSerif"]["B"], FONT_FILES["DejaVuSans"]["B"])


@functools.cache
def _characters(file_name: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS / file_name, lazy=True).getBestCmap())


def certificate_pdf_get(*, certificate: Certificate, verify_url: str) -> bytes:
    """The certificate's PDF from the cache, drawn (``certificate_pdf_render``) if absent."""
    url_hash = hashlib.sha256(verify_url.encode()).hexdigest()[:16]
    key = f"certificate-pdf:{_LAYOUT}:{certificate.pk}:{url_hash}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = certificate_pdf_render(certificate=certificate, verify_url=verify_url)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a black-on-white PNG, four modules of quiet zone."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def certificate_pdf_render(*, certificate: Certificate, verify_url: str) -> bytes:
    """The PDF bytes for ``certificate``, whose public page is at ``verify_url``."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for family, styles in FONT_FILES.items():
        for style, file_name in styles.items():
            pdf.add_font(family, style, str(FONTS / file_name))
    name = unicodedata.normalize("NFC", certificate.learner_name)
    course = unicodedata.normalize("NFC", certificate.course_title)
    issued = certificate.issued_at
    pdf.set_title(f"{course}: {name}")
    pdf.set_author(settings.SITE_NAME)
    pdf.set_subject(f"Certificate {certificate.pk}; verify at {verify_url}")
    pdf.set_creator(settings.SITE_NAME)
    pdf.set_creation_date(issued)  # the same certificate gives the same file
    pdf.add_page()

    _frame(pdf)
    pdf.set_text_color(*NAVY)
    pdf.set_font("DejaVuSans", "B", 12)
    pdf.set_char_spacing(2.5)
    pdf.set_xy(0, 34)
    pdf.cell(PAGE_W, 8, settings.SITE_NAME.upper(), align=Align.C)
    pdf.set_char_spacing(0)

    _centred(pdf, "This certifies that", y=54, family="DejaVuSerif", style="I", size=15)
    pdf.set_text_color(*INK)
    bottom = _fitted(pdf, name, y=64, family="DejaVuSerif", style="B", size=34, minimum=18)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.4)
    rule = min(TEXT_W, pdf.get_string_width(name) + 24) if len(name) < 60 else TEXT_W
    pdf.line((PAGE_W - rule) / 2, bottom + 2, (PAGE_W + rule) / 2, bottom + 2)

    _centred(
        pdf,
        "has successfully completed the programme",
        y=bottom + 7,
        family="DejaVuSerif",
        style="I",
        size=15,
    )
    pdf.set_text_color(*NAVY)
    bottom = _fitted(
        pdf, course, y=bottom + 17, family="DejaVuSans", style="B", size=20, minimum=13
    )
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVuSans", "", 11)
    pdf.set_xy((PAGE_W - 170) / 2, bottom + 5)
    pdf.multi_cell(
        170,
        5.5,
        f"with a final exercise score of **{certificate.score_percent}%**, having completed "
        "every module and reached the programme’s pass mark in its graded coding exercises.",
        align=Align.C,
        markdown=True,
    )

    _details(pdf, certificate, verify_url, issued_on=f"{issued.day} {issued:%B %Y}")
    pdf.image(
        io.BytesIO(qr_png(verify_url)),
        x=PAGE_W - 30 - QR_SIZE,
        y=PAGE_H - 28 - QR_SIZE,
        w=QR_SIZE,
        h=QR_SIZE,
    )
    pdf.set_font("DejaVuSans", "", 8)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(PAGE_W - 30 - QR_SIZE, PAGE_H - 27)
    pdf.cell(QR_SIZE, 4, "Scan to verify", align=Align.C)
    return bytes(pdf.output())


def _frame(pdf: FPDF) -> None:
    pdf.set_fill_color(*PAPER)
    pdf.rect(0, 0, PAGE_W, PAGE_H, style="F")
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, PAGE_W - 22, PAGE_H - 22)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.5)
    pdf.rect(14, 14, PAGE_W - 28, PAGE_H - 28)


def _centred(pdf: FPDF, text: str, *, y: float, family: str, style: str, size: float) -> None:
    pdf.set_text_color(*MUTED)
    pdf.set_font(family, style, size)
    pdf.set_xy(0, y)
    pdf.cell(PAGE_W, size * 0.5, text, align=Align.C)


def _fitted(
    pdf: FPDF, text: str, *, y: float, family: str, style: str, size: float, minimum: float
) -> float:
    """Draw ``text`` centred on one line at the largest size from ``size`` down to
    ``minimum`` that fits; wrap it at ``minimum`` if none does. Returns the bottom y."""
    while size > minimum:
        pdf.set_font(family, style, size)
        if pdf.get_string_width(text) <= TEXT_W:
            break
        size -= 1
    pdf.set_font(family, style, size)
    line = size * 0.45
    pdf.set_xy((PAGE_W - TEXT_W) / 2, y)
    pdf.multi_cell(
        TEXT_W, line, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT, max_line_height=line
    )
    return pdf.get_y()


def _details(pdf: FPDF, certificate: Certificate, verify_url: str, *, issued_on: str) -> None:
    """Issued, ID and verify URL, bottom left, as label over value."""
    x, y = 30, PAGE_H - 28 - QR_SIZE + 2
    for label, value in (
        ("ISSUED", issued_on),
        ("CERTIFICATE ID", str(certificate.pk)),
        ("VERIFY AT", verify_url),
    ):
        pdf.set_xy(x, y)
        pdf.set_font("DejaVuSans", "", 7)
        pdf.set_text_color(*MUTED)
        pdf.set_char_spacing(0.6)
        pdf.cell(150, 3.5, label)
        pdf.set_char_spacing(0)
        pdf.set_xy(x, y + 3.8)
        pdf.set_font("DejaVuSans", "B", 9.5)
        pdf.set_text_color(*INK)
        if label == "VERIFY AT":
            pdf.cell(150, 5, value, link=verify_url)
        else:
            pdf.cell(150, 5, value)
        y += 11
