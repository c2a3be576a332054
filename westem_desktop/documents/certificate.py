"""Certificates of participation, one A4 page each, for the mentee and for the mentor of a closed pair.

Every part of the page has a fixed place (logo, title, name, what the person did, signature), so the
signature line sits at the same height on every certificate, whatever the names' length; a long name is
set smaller rather than pushing the rest down. Nothing is printed within 12 mm of the edge.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph

from westem_desktop.core.enums import Role
from westem_desktop.core.printables import CertificateDocument
from westem_desktop.documents.base import ACCENT, FRAME_WIDTH, MUTED, Translator, shown, write_pdf
from westem_desktop.documents.fonts import BOLD, REGULAR, register_fonts
from westem_desktop.i18n import format_number

FILE_NAME_CHARS = 80
FILE_NAME_BYTES = 160

WIDTH, HEIGHT = A4
BORDER = 12 * mm  # the outer frame line; the inner one is 2 mm further in
TEXT_LEFT, TEXT_RIGHT = 30 * mm, WIDTH - 30 * mm
TEXT_WIDTH = TEXT_RIGHT - TEXT_LEFT
SIGNER_WIDTH, DATE_WIDTH = 85 * mm, 45 * mm
# Tops of the fixed places, in mm from the top of the page.
LOGO_TOP, LOGO_HEIGHT = 26, 24  # a logo is scaled to fit 24 mm high and the frame wide, keeping its shape
TITLE_TOP, TITLE_BOTTOM = 54, 76
TITLE_SIZES = (28, 24, 20)
ORNAMENT_TOP = 80
INTRO_TOP = 88
NAME_TOP, NAME_BOTTOM = 98, 130
BODY_TOP, BODY_BOTTOM = 136, 222
SIGNATURE_LINE = 234  # the line the coordinator signs on, the same on every certificate
PAGE_NUMBER_TOP = 272  # inside the inner frame: each certificate is a document of one page
BODY_SIZES = (12.5, 12, 11.5, 11)  # body text never smaller than 11 pt
NAME_SIZES = (26, 22, 18, 15, 13)


def title(language: str) -> str:
    return Translator(language).pgettext("certificate", "Certificate of participation")


def _style(name: str, size: float, font: str = REGULAR, colour=None, align: int = TA_CENTER) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=size * 1.32, alignment=align, textColor=colour or "#000000"
    )


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def hours_text(minutes: int, t: Translator) -> str:
    """ "10.5 hours" in the document's language, whole hours without ".0"."""
    hours = round(minutes / 60, 1)
    number = format_number(hours if hours != int(hours) else int(hours), t.language)
    return t.n("{hours} hour", "{hours} hours", 1 if minutes == 60 else 2).format(hours=number)


def achievements(doc: CertificateDocument, t: Translator) -> list[str]:
    """What the person did, as printed: meetings and hours only when there are any (never "0 meetings")."""
    lines = []
    if doc.meetings and doc.minutes:
        lines.append(
            t.n("{n} meeting held, {hours} in all.", "{n} meetings held, {hours} in all.", doc.meetings).format(
                n=doc.meetings, hours=hours_text(doc.minutes, t)
            )
        )
    elif doc.meetings:
        lines.append(t.n("{n} meeting held.", "{n} meetings held.", doc.meetings).format(n=doc.meetings))
    if doc.role == Role.MENTOR:
        lines.append(t("Skills practised as a mentor: leadership, coaching and communication."))
    return lines


@functools.lru_cache(maxsize=8)
def _logo(data: bytes):
    """The logo's image and its size on the page (pt), fitted into the logo box; None if unreadable."""
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(FRAME_WIDTH / width, LOGO_HEIGHT * mm / height)  # as base.logo scales it
    return reader, width * scale, height * scale


class CertificatePage(Flowable):
    """One certificate, drawn at fixed places on its own page."""

    def __init__(self, doc: CertificateDocument, t: Translator) -> None:
        super().__init__()
        self.doc, self.t = doc, t

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 1

    def draw(self) -> None:
        canvas = self.canv
        x, y = canvas.absolutePosition(0, 0)
        canvas.saveState()
        canvas.translate(-x, -y)  # page coordinates from here on
        self._draw_page(canvas)
        canvas.restoreState()

    @staticmethod
    def _at(top_mm: float) -> float:
        return HEIGHT - top_mm * mm

    @staticmethod
    def _paragraph(
        canvas, text: str, style: ParagraphStyle, top: float, left: float = TEXT_LEFT, width: float = TEXT_WIDTH
    ) -> float:
        """Draw ``text`` (escaped) with its top at ``top`` (pt from the bottom); the bottom it reached."""
        paragraph = Paragraph(_text(text), style)
        _, height = paragraph.wrap(width, HEIGHT)
        paragraph.drawOn(canvas, left, top - height)
        return top - height

    def _draw_page(self, canvas) -> None:
        doc, t = self.doc, self.t
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.6)
        canvas.rect(BORDER, BORDER, WIDTH - 2 * BORDER, HEIGHT - 2 * BORDER)
        canvas.setLineWidth(0.5)
        canvas.rect(BORDER + 2 * mm, BORDER + 2 * mm, WIDTH - 2 * BORDER - 4 * mm, HEIGHT - 2 * BORDER - 4 * mm)

        image = _logo(doc.logo) if doc.logo else None
        if image is not None:
            reader, width, height = image
            top = self._at(LOGO_TOP) - (LOGO_HEIGHT * mm - height) / 2
            canvas.drawImage(reader, (WIDTH - width) / 2, top - height, width, height, mask="auto")

        self._fit(canvas, title(t.language), TITLE_SIZES, TITLE_TOP, TITLE_BOTTOM, ACCENT, lines=1)
        canvas.setLineWidth(1.2)
        canvas.line(WIDTH / 2 - 20 * mm, self._at(ORNAMENT_TOP), WIDTH / 2 + 20 * mm, self._at(ORNAMENT_TOP))
        self._paragraph(canvas, t("This certifies that"), _style("intro", 13, colour=MUTED), self._at(INTRO_TOP))
        self._fit(canvas, shown(doc.name), NAME_SIZES, NAME_TOP, NAME_BOTTOM)
        self._draw_body(canvas)
        self._draw_signature(canvas)
        number = t("Page {page} of {pages}").format(page=1, pages=1)
        self._paragraph(canvas, number, _style("page", 11, colour=MUTED), self._at(PAGE_NUMBER_TOP))

    def _fit(
        self, canvas, text: str, sizes: Sequence[float], top: float, bottom: float, colour=None, lines: int = 0
    ) -> None:
        """``text`` in bold, centred in the place from ``top`` to ``bottom`` (mm), at the first of ``sizes``
        that fits (in ``lines`` lines, if given), else the smallest."""
        room = (bottom - top) * mm
        for size in sizes:
            paragraph = Paragraph(_text(text), _style("fitted", size, BOLD, colour))
            _, height = paragraph.wrap(TEXT_WIDTH, HEIGHT)
            if height <= room and (not lines or len(paragraph.blPara.lines) <= lines):
                break
        paragraph.drawOn(canvas, TEXT_LEFT, self._at(top) - (room + height) / 2)

    def _body(self, size: float) -> list[tuple[Paragraph, float]]:
        """The body's paragraphs at ``size`` with the space above each."""
        doc, t = self.doc, self.t
        role = t("mentor") if doc.role == Role.MENTOR else t("mentee")
        parts: list[tuple[Paragraph, float]] = [
            (
                Paragraph(
                    _text(t("took part as a {role} in the peer-mentoring programme").format(role=role)),
                    _style("body", size),
                ),
                0,
            ),
        ]
        if doc.programme:
            parts.append((Paragraph(_text(shown(doc.programme)), _style("programme", size + 0.5, BOLD)), 2 * mm))
        if doc.institution:
            parts.append((Paragraph(_text(shown(doc.institution)), _style("body", size)), 0))
        if doc.start and doc.end:
            when = t("from {start} to {end}").format(start=t.date(doc.start), end=t.date(doc.end))
            parts.append((Paragraph(_text(when), _style("body", size)), 2 * mm))
        for number, line in enumerate(achievements(doc, t)):
            parts.append((Paragraph(_text(line), _style("body", size)), 6 * mm if number == 0 else 1.5 * mm))
        return parts

    def _draw_body(self, canvas) -> None:
        room = (BODY_BOTTOM - BODY_TOP) * mm
        for size in BODY_SIZES:
            parts = self._body(size)
            heights = [space + p.wrap(TEXT_WIDTH, HEIGHT)[1] for p, space in parts]
            if sum(heights) <= room:
                break
        top = self._at(BODY_TOP)
        for (paragraph, _space), height in zip(parts, heights, strict=True):
            top -= height
            paragraph.drawOn(canvas, TEXT_LEFT, top)

    def _draw_signature(self, canvas) -> None:
        """The coordinator's line (name and title under it) and the date of issue on its own line."""
        doc, t = self.doc, self.t
        line = self._at(SIGNATURE_LINE)
        date_left = TEXT_RIGHT - DATE_WIDTH
        canvas.setStrokeColor("#000000")
        canvas.setLineWidth(0.6)
        canvas.line(TEXT_LEFT, line, TEXT_LEFT + SIGNER_WIDTH, line)
        canvas.line(date_left, line, TEXT_RIGHT, line)
        canvas.setFont(REGULAR, 12)
        canvas.setFillColor("#000000")
        canvas.drawString(date_left, line + 1.5 * mm, t.date(doc.issued_on or dt.date.today()))
        top = line - 1.5 * mm
        for text, colour in (
            (shown(doc.coordinator_name or ""), None),
            (shown(doc.coordinator_title or t("Coordinator")), MUTED),
        ):
            if text:
                top = self._paragraph(
                    canvas, text, _style("signer", 11, colour=colour, align=TA_LEFT), top, TEXT_LEFT, SIGNER_WIDTH
                )
        self._paragraph(
            canvas, t("Date"), _style("date", 11, colour=MUTED, align=TA_LEFT), line - 1.5 * mm, date_left, DATE_WIDTH
        )


def write_certificates(
    docs: Sequence[CertificateDocument],
    language: str,
    target: Path | BinaryIO,
    progress: Callable[[int, int], bool] | None = None,
) -> None:
    """All certificates in one PDF, one page each."""
    t = Translator(language)
    story: list = []
    for number, doc in enumerate(docs, start=1):
        if story:
            story.append(PageBreak())
        story.append(CertificatePage(doc, t))
        if progress is not None and not progress(number, len(docs)):
            raise InterruptedError
    heading = title(language)
    write_pdf(
        target,
        story,
        title=heading if len(docs) != 1 else f"{heading}: {shown(docs[0].name)}",
        author=shown(docs[0].coordinator_name) if docs else "",
        subject=shown(docs[0].programme) if docs else "",
        footer=lambda page, pages: "",  # each certificate numbers its own page, inside its frame
        language=language,
    )


def file_name(doc: CertificateDocument, t: Translator) -> str:
    """A safe file name for one person's certificate ("certificate-Łucja-Wróblewska-mentor.pdf"); the
    person's part is cut at ``FILE_NAME_CHARS`` characters and ``FILE_NAME_BYTES`` bytes (the file
    systems' limit is 255 bytes, and a long name in a script such as Greek or Thai takes two or three)."""
    word, person, role = (
        re.sub(r"[^\w\-]+", "-", part, flags=re.UNICODE).strip("-")
        for part in (
            t.pgettext("file name", "certificate"),
            doc.name,
            t("mentor") if doc.role == Role.MENTOR else t("mentee"),
        )
    )
    person = person[:FILE_NAME_CHARS]
    while len(person.encode("utf-8")) > FILE_NAME_BYTES:
        person = person[:-1]
    return "-".join(part for part in (word, person.strip("-"), role) if part) + ".pdf"


def file_names(docs: Sequence[CertificateDocument], t: Translator) -> list[str]:
    """Each certificate's file name; the same name twice in one batch gets "~2", "~3" in the batch's
    order, so printing the same batch again gives the same names (and replaces the files)."""
    names: list[str] = []
    taken: set[str] = set()
    for doc in docs:
        name = file_name(doc, t)
        stem, counter = name.removesuffix(".pdf"), 2
        while name.casefold() in taken:
            name, counter = f"{stem}~{counter}.pdf", counter + 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _write_part(doc: CertificateDocument, language: str, folder: Path, target: Path) -> Path:
    """The certificate in a hidden temporary file in ``folder`` (readable by the user alone), to be
    renamed over ``target``; an OSError names ``target``."""
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:80]}.", suffix=".part")
    except OSError as exc:
        exc.filename = str(target)
        raise
    part = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write_certificates([doc], language, handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            exc.filename = str(target)
        raise
    return part


def write_certificate_files(
    docs: Sequence[CertificateDocument],
    language: str,
    folder: Path,
    progress: Callable[[int, int], bool] | None = None,
) -> list[Path]:
    """One PDF per person in ``folder``; a file of the same name (an earlier print) is replaced, the same
    name twice in the batch gets a number. All or nothing: every certificate is written to a temporary
    file first and only then renamed over its name, so when one cannot be written (a full disk, a folder
    that may not be written) the folder is left as it was (and removed if this call made it). Stopping
    through ``progress`` keeps the ones written so far."""
    t = Translator(language)
    made = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[tuple[Path, Path]] = []
    try:
        for number, (doc, name) in enumerate(zip(docs, file_names(docs, t), strict=True), start=1):
            target = folder / name
            parts.append((_write_part(doc, language, folder, target), target))
            if progress is not None and not progress(number, len(docs)):
                break
        for part, target in parts:
            try:
                os.replace(part, target)
            except OSError as exc:
                exc.filename = str(target)
                raise
    except BaseException:
        for part, _target in parts:
            part.unlink(missing_ok=True)
        if made:
            with contextlib.suppress(OSError):
                for _part, target in parts:
                    target.unlink(missing_ok=True)
                folder.rmdir()
        raise
    return [target for _part, target in parts]
