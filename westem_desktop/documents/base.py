"""What every document shares: the stylesheet, the language, "page X of Y", metadata, writing the file."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate

from westem_desktop import APP_NAME
from westem_desktop.core.io.files import private_file
from westem_desktop.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from westem_desktop.i18n import N_, babel_locale, catalogue, format_date

ACCENT = colors.HexColor("#3b2a6b")
MUTED = colors.HexColor("#5c5c66")
MARGIN = 20 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN - 12  # 165.8 mm: the frame's width inside its 6 pt padding
NAME_SHOWN = 120  # characters of a name a document shows; a longer one is cut there with an ellipsis
FOOTER_SIZE = 8
FOOTER_BASELINE = 12 * mm  # the footer's last line; its descenders stay clear of the 10 mm margin
FOOTER_LEADING = 10
FOOTER_SEPARATOR = " · "
NO_BREAK = "\u00a0"
COUNTED = N_("{value} (n = {n})")


class Translator:
    """The texts of one document in one language, independent of the interface language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = catalogue(language)

    def __call__(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        return self._catalogue.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in the ``context`` that tells it apart (``t.pgettext("pair", "Active")``)."""
        return self._catalogue.pgettext(context, message)

    @property
    def locale(self) -> str:
        """The CLDR locale of the document's numbers and dates ("sv_SE")."""
        return babel_locale(self.language)

    @property
    def tag(self) -> str:
        """The document's language as a BCP 47 tag for the PDF's /Lang ("sv-SE")."""
        return self.locale.replace("_", "-")

    def date(self, value, length: str = "long") -> str:
        """A date in the document's language ("7 mars 2025"), never broken over two lines."""
        return unbroken(format_date(value, length, self.language))

    def number(self, value: float, digits: int | None = None) -> str:
        """``value`` in the document's form: "3,9" and "10 000" in sv, "3,9" and "10.000" in nl; with
        ``digits`` exactly that many decimals, else as many as the value has (at most three)."""
        from babel.numbers import format_decimal

        pattern = None if digits is None else "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share: float, digits: int = 0) -> str:
        """A share (0.92) as the document's language writes it: "92 %" in sv and nb, "92%" in nl and en."""
        from babel.numbers import format_percent

        rounded = round(share * 100, digits) / 100
        return format_percent(rounded, locale=self.locale, decimal_quantization=digits == 0)

    def counted(self, value: str, answers: int) -> str:
        """A figure with the number of answers it rests on: "3,9 (n = 12)"."""
        return self(COUNTED).format(value=value, n=self.number(answers))


def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=4))
    sheet.add(ParagraphStyle("small", parent=sheet["body"], fontSize=8.5, leading=11, textColor=MUTED))
    sheet.add(ParagraphStyle("title", fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT, spaceAfter=6))
    sheet.add(ParagraphStyle("subtitle", fontName=REGULAR, fontSize=11, leading=15, textColor=MUTED, spaceAfter=10))
    sheet.add(
        ParagraphStyle(
            "h2",
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        )
    )
    sheet.add(
        ParagraphStyle("h3", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=4, spaceAfter=2, keepWithNext=1)
    )
    sheet.add(ParagraphStyle("italic", parent=sheet["body"], fontName=ITALIC))
    sheet.add(ParagraphStyle("centre", parent=sheet["body"], alignment=TA_CENTER))
    sheet.add(ParagraphStyle("centre_title", parent=sheet["title"], alignment=TA_CENTER, fontSize=28, leading=34))
    sheet.add(
        ParagraphStyle(
            "centre_big",
            parent=sheet["body"],
            alignment=TA_CENTER,
            fontName=BOLD,
            fontSize=22,
            leading=28,
            textColor=colors.black,
        )
    )
    return sheet


def shown(name: str, limit: int = NAME_SHOWN) -> str:
    """``name`` as a document prints it: at most ``limit`` characters, a longer one cut with "…". A name
    sits in a table cell, which cannot run over to the next page, and in the footer; the data keeps it
    whole, only the page shortens it."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def unbroken(text: str) -> str:
    """``text`` kept on one line: its spaces made non-breaking (a date, "3,9 (n = 12)")."""
    return text.replace(" ", NO_BREAK)


def logo(data: bytes | None, height: float = 16 * mm, width: float = FRAME_WIDTH) -> Flowable | None:
    """The programme's logo at most ``height`` high and ``width`` wide, its proportions kept (a wide
    1400x100 logo is as wide as the frame and less high); None without a logo or for an unreadable one."""
    if not data:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(data))
        pixels_wide, pixels_high = reader.getSize()
        scale = min(height / pixels_high, width / pixels_wide)
        return Image(io.BytesIO(data), width=pixels_wide * scale, height=pixels_high * scale, hAlign="LEFT")
    except Exception:
        return None


def _fits(text: str, width: float) -> bool:
    return stringWidth(text, REGULAR, FOOTER_SIZE) <= width


def _two_lines(parts: list[str], width: float) -> list[str] | None:
    """The parts on one line, or on two split at a separator, if they fit ``width``."""
    whole = FOOTER_SEPARATOR.join(parts)
    if _fits(whole, width):
        return [whole]
    for cut in range(1, len(parts)):
        lines = [FOOTER_SEPARATOR.join(parts[:cut]), FOOTER_SEPARATOR.join(parts[cut:])]
        if all(_fits(line, width) for line in lines):
            return lines
    return None


def footer_lines(text: str, width: float = FRAME_WIDTH) -> list[str]:
    """The footer as one line, or two split at a " · ", that fit ``width``; when two lines are not enough
    the longest part (the programme's name) is shortened with "…", so "page X of Y" always shows."""
    parts = text.split(FOOTER_SEPARATOR)
    if len(parts) == 1:  # no separator: wrapped at spaces, the second line shortened if need be
        from reportlab.lib.utils import simpleSplit

        lines = simpleSplit(text, REGULAR, FOOTER_SIZE, width) or [text]
        if len(lines) > 2 or not _fits(lines[-1], width):
            rest = " ".join(lines[1:]) if len(lines) > 1 else lines[0]
            while rest and not _fits(rest + "…", width):
                rest = rest[:-1]
            lines = [*lines[:1], rest.rstrip() + "…"] if len(lines) > 1 else [rest.rstrip() + "…"]
        return lines
    while (lines := _two_lines(parts, width)) is None:
        longest = max(range(len(parts)), key=lambda i: len(parts[i]))
        shorter = parts[longest].removesuffix("…")[:-1].rstrip()
        if not shorter:
            return [FOOTER_SEPARATOR.join(parts[1:])]
        parts[longest] = shorter + "…"
    return lines


def numbered_canvas(footer: Callable[[int, int], str]) -> type[Canvas]:
    """A canvas that writes ``footer(page, pages)`` on every page once the page count is known, on one
    or two lines inside the frame's width (``footer_lines``), and tells viewers to show the title."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs.setdefault("initialFontName", REGULAR)  # else Helvetica is referenced, unembedded
            super().__init__(*args, **kwargs)
            self.setViewerPreference("DisplayDocTitle", "true")
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(REGULAR, FOOTER_SIZE)
                self.setFillColor(MUTED)
                lines = footer_lines(footer(number, total))
                for row, line in enumerate(lines):
                    baseline = FOOTER_BASELINE + (len(lines) - 1 - row) * FOOTER_LEADING
                    self.drawCentredString(A4[0] / 2, baseline, line)
                super().showPage()
            super().save()

    return NumberedCanvas


def write_pdf(
    target: Path | BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    author: str,
    footer: Callable[[int, int], str],
    subject: str = "",
    language: str | None = None,
) -> None:
    """Build the document on A4 with metadata (title, shown in the viewer's title bar; author; subject;
    the document's ``language`` as the catalogue's /Lang); ``target`` a path (written whole or not at
    all, readable by the user alone) or a binary file object."""
    if isinstance(target, Path):
        with private_file(target) as handle:
            write_pdf(handle, story, title=title, author=author, footer=footer, subject=subject, language=language)
        return
    document = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=author,
        subject=subject,
        creator=APP_NAME,
        producer=APP_NAME,
        lang=babel_locale(language).replace("_", "-") if language else None,
    )
    document.build(story, canvasmaker=numbered_canvas(footer))
