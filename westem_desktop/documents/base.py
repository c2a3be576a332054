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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate

from westem_desktop import APP_NAME
from westem_desktop.core.io.files import private_file
from westem_desktop.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from westem_desktop.i18n import catalogue, format_date

ACCENT = colors.HexColor("#3b2a6b")
MUTED = colors.HexColor("#5c5c66")
MARGIN = 20 * mm
NAME_SHOWN = 120  # characters of a name a document shows; a longer one is cut there with an ellipsis


class Translator:
    """The texts of one document in one language, independent of the interface language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = catalogue(language)

    def __call__(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        return self._catalogue.ngettext(singular, plural, count)

    def date(self, value) -> str:
        return format_date(value, "long", self.language)


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


def logo(data: bytes | None, height: float = 16 * mm) -> Flowable | None:
    if not data:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(data))
        width, h = reader.getSize()
        return Image(io.BytesIO(data), width=height * width / h, height=height, hAlign="LEFT")
    except Exception:
        return None


def numbered_canvas(footer: Callable[[int, int], str]) -> type[Canvas]:
    """A canvas that writes ``footer(page, pages)`` on every page once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs.setdefault("initialFontName", REGULAR)  # else Helvetica is referenced, unembedded
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(REGULAR, 8)
                self.setFillColor(MUTED)
                self.drawCentredString(A4[0] / 2, 12 * mm, footer(number, total))
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
) -> None:
    """Build the document on A4 with metadata; ``target`` a path (written whole or not at all, readable by
    the user alone) or a binary file object."""
    if isinstance(target, Path):
        with private_file(target) as handle:
            write_pdf(handle, story, title=title, author=author, footer=footer, subject=subject)
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
    )
    document.build(story, canvasmaker=numbered_canvas(footer))
