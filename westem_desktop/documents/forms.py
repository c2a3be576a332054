"""Blank evaluation forms to hand out on paper, each naming the pair and the form so that the answers
are entered against the right pair (session, midpoint, final; for the mentor and for the mentee).

Loose sheets get mixed up: every page of a form names the pair, the form and the respondent, and its
pages are numbered per form ("page 2 of 3"), not across the batch. ``documents.base.write_pdf`` numbers
pages across the whole document, so this module builds its own page templates and numbering.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from westem_desktop import APP_NAME
from westem_desktop.core.enums import Instrument, Role
from westem_desktop.core.instruments import FORM_TITLES, INSTRUMENTS, RATING_SCALE, Question
from westem_desktop.core.io.files import private_file
from westem_desktop.core.labels import label
from westem_desktop.core.printables import BlankForm
from westem_desktop.documents.base import FRAME_WIDTH, MARGIN, MUTED, Translator, para, shown, styles
from westem_desktop.documents.fonts import REGULAR

WIDTH = FRAME_WIDTH
HEADER_GAP = 4 * mm  # between the running header and the form's text on its later pages
BOX = 4.5 * mm  # the square ticked on a rating scale
STEP = 24 * mm  # from one square's centre to the next
INDENT = 6  # the scale starts where the question's text does (the frame's padding is outside)


class RatingScale(Flowable):
    """A rating's scale to tick: every number over its square, and the words for the two ends under the
    first and the last square (the left one starting at the first square, the right one ending at the
    last), each wrapped within its half of the row."""

    def __init__(self, low: str, high: str, scale: tuple[int, int] = RATING_SCALE) -> None:
        super().__init__()
        self.numbers = list(range(scale[0], scale[1] + 1))
        self.row = (len(self.numbers) - 1) * STEP + BOX
        body = styles()["body"]
        self.number_style = ParagraphStyle("scale_number", parent=body, spaceAfter=0)
        anchor = ParagraphStyle("anchor", parent=styles()["small"], textColor=colors.black, spaceAfter=0)
        half = self.row / 2 - 2 * mm
        self.low = para(low, ParagraphStyle("anchor_low", parent=anchor, alignment=TA_LEFT))
        self.high = para(high, ParagraphStyle("anchor_high", parent=anchor, alignment=TA_RIGHT))
        self.anchor_height = max(self.low.wrap(half, 1000)[1], self.high.wrap(half, 1000)[1])
        self.number_height = self.number_style.leading

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.number_height + BOX + 1.5 * mm + self.anchor_height + 1 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        canvas.setFont(self.number_style.fontName, self.number_style.fontSize)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        box_top = top - self.number_height
        for index, number in enumerate(self.numbers):
            left = INDENT + index * STEP
            canvas.drawCentredString(left + BOX / 2, box_top + 1.2 * mm, str(number))
            canvas.rect(left, box_top - BOX, BOX, BOX, stroke=1, fill=0)
        half = self.row / 2 - 2 * mm
        anchor_top = box_top - BOX - 1.5 * mm
        _w, height = self.low.wrap(half, 1000)
        self.low.drawOn(canvas, INDENT, anchor_top - height)
        _w, height = self.high.wrap(half, 1000)
        self.high.drawOn(canvas, INDENT + self.row - half, anchor_top - height)


def rating_scale(question: Question, t: Translator) -> RatingScale:
    return RatingScale(t(question.low), t(question.high))


def title(form: BlankForm, t: Translator) -> str:
    return t(FORM_TITLES[Instrument(form.instrument)])


def respondent(form: BlankForm, t: Translator) -> str:
    return t("Filled in by the {role}").format(role=label(Role(form.role), t.language).lower())


def names(form: BlankForm, t: Translator) -> str:
    return f"{t('Mentor')}: {shown(form.mentor)} · {t('Mentee')}: {shown(form.mentee)}"


def running_header(form: BlankForm, t: Translator) -> Paragraph:
    """What heads every page of the form after the first: the form, the pair, the respondent, the names."""
    s = styles()
    line = " · ".join((title(form, t), t("Pair {id}").format(id=form.match_id), respondent(form, t)))
    return para(f"{line}\n{names(form, t)}", s["small"])


def form_story(form: BlankForm, t: Translator) -> list:
    s = styles()
    half = WIDTH / 2
    story = [para(title(form, t), s["title"]), para(shown(form.programme), s["subtitle"])]
    who = Table(
        [
            [para(t("Pair {id}").format(id=form.match_id), s["h3"]), para(respondent(form, t), s["h3"])],
            [
                para(f"{t('Mentor')}: {shown(form.mentor)}", s["body"]),
                para(f"{t('Mentee')}: {shown(form.mentee)}", s["body"]),
            ],
            [para(t("Date: ______________"), s["body"]), ""],
        ],
        colWidths=[half, half],
    )
    who.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [who, Spacer(1, 6 * mm)]
    for number, question in enumerate(INSTRUMENTS[Instrument(form.instrument)], start=1):
        block = [para(f"{number}. {t(question.label)}", s["h3"])]
        if question.kind == "rating":
            block.append(rating_scale(question, t))
        elif question.kind == "yes_no":
            block.append(para(f"{t('Yes')} ☐    {t('No')} ☐", s["body"]))
        elif question.kind == "count":
            block.append(para("______", s["body"]))
        else:
            lines = Table([[""]] * 3, colWidths=[WIDTH], rowHeights=[8 * mm] * 3)
            lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey)]))
            block.append(lines)
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))
    return story


def _templates(index: int, header: Paragraph) -> list[PageTemplate]:
    """The first page of form ``index`` and its later pages, whose frame starts below the running header."""
    _width, height = header.wrap(WIDTH, A4[1])
    top = MARGIN + height + HEADER_GAP

    def first(canvas: Canvas, _doc) -> None:
        canvas._form_index = index

    def later(canvas: Canvas, _doc) -> None:
        canvas._form_index = index
        header.drawOn(canvas, MARGIN + 6, A4[1] - MARGIN - height)

    bottom = MARGIN + 4 * mm
    return [
        PageTemplate(
            id=f"first{index}",
            frames=[Frame(MARGIN, bottom, A4[0] - 2 * MARGIN, A4[1] - MARGIN - bottom, id=f"f{index}")],
            onPage=first,
        ),
        PageTemplate(
            id=f"later{index}",
            frames=[Frame(MARGIN, bottom, A4[0] - 2 * MARGIN, A4[1] - top - bottom, id=f"l{index}")],
            onPage=later,
        ),
    ]


def _per_form_canvas(footers: list[Callable[[int, int], str]]) -> type[Canvas]:
    """A canvas that writes ``footers[form](page, pages)`` on every page, numbered within its form."""

    class PerFormCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs.setdefault("initialFontName", REGULAR)  # else Helvetica is referenced, unembedded
            super().__init__(*args, **kwargs)
            self.setViewerPreference("DisplayDocTitle", "true")  # the viewer's title bar shows the title
            self._pages: list[dict] = []
            self._form_index = 0

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            forms = [state["_form_index"] for state in self._pages]
            seen: dict[int, int] = {}
            for state, form in zip(self._pages, forms, strict=True):
                seen[form] = seen.get(form, 0) + 1
                self.__dict__.update(state)
                self.setFont(REGULAR, 8)
                self.setFillColor(MUTED)
                self.drawCentredString(A4[0] / 2, 12 * mm, footers[form](seen[form], forms.count(form)))
                super().showPage()
            super().save()

    return PerFormCanvas


def _footer(form: BlankForm, t: Translator) -> Callable[[int, int], str]:
    pair = t("Pair {id}").format(id=form.match_id)
    return lambda page, pages: f"{pair} · " + t("Page {page} of {pages}").format(page=page, pages=pages)


def _pairs(forms: list[BlankForm], t: Translator, listed: int = 10) -> str:
    """The pairs of the batch for the PDF's subject: the first ``listed``, then "…"."""
    pairs = [t("Pair {id}").format(id=match_id) for match_id in dict.fromkeys(form.match_id for form in forms)]
    return ", ".join(pairs[:listed]) + (", …" if len(pairs) > listed else "")


def write_forms(forms: list[BlankForm], target: Path | BinaryIO) -> None:
    """One form after the other, each starting on a new page, each in its pair's language; every page
    names its form, and the pages of each form are numbered "page X of Y" within that form.
    ``target`` a path (written whole or not at all, readable by the user alone) or a binary file object."""
    if isinstance(target, Path):
        with private_file(target) as handle:
            write_forms(forms, handle)
        return
    first = forms[0] if forms else None
    t = Translator(first.language if first else "en")
    kinds = {form.instrument for form in forms}
    heading = title(first, t) if first and len(kinds) == 1 else t("Evaluation forms")
    programme = first.programme if first else ""
    story: list = []
    templates: list[PageTemplate] = []
    footers: list[Callable[[int, int], str]] = []
    for index, form in enumerate(forms):
        own = Translator(form.language)
        templates += _templates(index, running_header(form, own))
        footers.append(_footer(form, own))
        if story:
            story += [NextPageTemplate(f"first{index}"), PageBreak()]
        story += [NextPageTemplate(f"later{index}"), *form_story(form, own)]
    if not story:
        templates = _templates(0, para("", styles()["small"]))
        footers = [lambda page, pages: ""]
        story = [Spacer(1, 1)]
    document = BaseDocTemplate(
        target,
        pagesize=A4,
        pageTemplates=templates,
        title=f"{heading} · {programme}" if programme else heading,
        author=programme,
        subject=t("Blank evaluation forms to fill in by hand: {pairs}").format(pairs=_pairs(forms, t)),
        creator=APP_NAME,
        producer=APP_NAME,
        lang=t.tag,
    )
    document.build(story, canvasmaker=_per_form_canvas(footers))
