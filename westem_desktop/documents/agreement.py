"""The mentoring agreement (mentorsavtal, mentoravtale, mentoringovereenkomst) as an A4 PDF to sign.

It is printed to be completed and signed at the first meeting: a field nobody filled in gets ruled lines
to write on, the manual's example success criteria are tick boxes, and every signer has a line to sign on
above her printed name and a line for place and date."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from westem_desktop.core.agreement_texts import (
    CONFIDENTIALITY,
    MENTEE_SUCCESS_EXAMPLES,
    MENTOR_SUCCESS_EXAMPLES,
    OFF_LIMITS,
    TERMINATION,
)
from westem_desktop.core.enums import MAX_GOALS, Mode, Style
from westem_desktop.core.labels import label
from westem_desktop.core.printables import AgreementDocument, Goal
from westem_desktop.documents.base import (
    ACCENT,
    FRAME_WIDTH,
    Translator,
    logo,
    para,
    shown,
    styles,
    write_pdf,
)
from westem_desktop.i18n import N_, format_number

TITLE = N_("Mentoring agreement")
LINE_GAP = 8 * mm  # between ruled lines to write on by hand
SIGN_SPACE = 16 * mm  # above each line to sign on (at least 12 mm stay free)
RULE = 0.5
HEADING_LENGTH = 160  # characters of a goal printed in its bold heading; a longer one goes under it
AFTER = 2.5 * mm  # below the last ruled line


class Ruled(Flowable):
    """``lines`` ruled lines across the frame to write on by hand (a few: they stay on one page)."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(FRAME_WIDTH, available_width)
        return self.width, self.lines * LINE_GAP + AFTER

    def draw(self) -> None:
        self.canv.setLineWidth(RULE)
        self.canv.setStrokeColor(colors.black)
        for line in range(self.lines):
            y = AFTER + line * LINE_GAP
            self.canv.line(0, y, self.width, y)


class Field(Flowable):
    """A label followed by a ruled line to the frame's right edge: ``How often: ________``."""

    def __init__(self, label: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.label, self.style = label, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(FRAME_WIDTH, available_width)
        return self.width, LINE_GAP + 2

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.style.fontName, self.style.fontSize)
        canvas.setFillColor(self.style.textColor)
        canvas.drawString(0, 4, self.label)
        start = min(canvas.stringWidth(self.label, self.style.fontName, self.style.fontSize) + 2 * mm, self.width / 2)
        canvas.setLineWidth(RULE)
        canvas.line(start, 2, self.width, 2)


class Tick(Flowable):
    """A box to tick before a paragraph (one of the manual's example success criteria)."""

    SIZE = 3.4 * mm
    INDENT = 7 * mm

    def __init__(self, paragraph: Paragraph) -> None:
        super().__init__()
        self.paragraph = paragraph

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(FRAME_WIDTH, available_width)
        _, self.height = self.paragraph.wrap(self.width - self.INDENT, available_height)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(RULE)
        self.canv.rect(0, self.height - self.SIZE - 1.2 * mm, self.SIZE, self.SIZE)
        self.paragraph.drawOn(self.canv, self.INDENT, 0)


def _styles() -> dict[str, ParagraphStyle]:
    """The shared stylesheet, with headings held to what follows by ``CondPageBreak`` instead of
    keep-with-next: keeping a heading with a long text moved the whole text to the next page."""
    s = styles()
    sheet = {name: s[name] for name in ("body", "small", "title", "subtitle", "italic")}
    sheet["h2"] = ParagraphStyle("agreement_h2", parent=s["h2"], keepWithNext=0)
    sheet["h3"] = ParagraphStyle("agreement_h3", parent=s["h3"], keepWithNext=0)
    sheet["name"] = ParagraphStyle("agreement_name", parent=s["h3"], keepWithNext=0, spaceBefore=1)
    return sheet


def _h2(text: str, s) -> list[Flowable]:
    return [CondPageBreak(40 * mm), para(text, s["h2"])]


def _h3(text: str, s) -> list[Flowable]:
    return [CondPageBreak(28 * mm), para(text, s["h3"])]


def _write_here(label: Paragraph, lines: int) -> KeepTogether:
    """A label with ruled lines under it, on the same page."""
    return KeepTogether([label, Ruled(lines)])


def _field(heading: str, text: str, lines: int, s) -> list[Flowable]:
    """A heading and what was filled in, or the heading and ruled lines to write on."""
    if text.strip():
        return [*_h3(heading, s), para(text, s["body"])]
    return [_write_here(para(heading, s["h3"]), lines)]


def _names(doc: AgreementDocument, t: Translator, s) -> Table:
    """Mentor and mentee side by side inside the frame, top-aligned; a long name wraps at its spaces."""
    half = FRAME_WIDTH / 2
    names = Table(
        [
            [para(t("Mentor"), s["small"]), para(t("Mentee"), s["small"])],
            [para(shown(doc.mentor), s["name"]), para(shown(doc.mentee), s["name"])],
        ],
        colWidths=[half, half],
    )
    names.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ]
        )
    )
    return names


def _signer(label: str, t: Translator, s) -> Table:
    """A line to sign on above the signer's printed name, a line for place and date beside it, and free
    space above both."""
    gap = 8 * mm
    sign = 95 * mm
    table = Table(
        [["", "", ""], [para(label, s["body"]), "", para(t("Place and date"), s["small"])]],
        colWidths=[sign, gap, FRAME_WIDTH - sign - gap],
        rowHeights=[SIGN_SPACE, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 1.5),
                ("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                ("LINEBELOW", (2, 0), (2, 0), 0.8, colors.black),
            ]
        )
    )
    return table


def _signatures(doc: AgreementDocument, t: Translator, s) -> list[Flowable]:
    people = [(t("Mentor"), doc.mentor), (t("Mentee"), doc.mentee)]
    if doc.coordinator_signs:
        people.append((doc.coordinator_title or t("Coordinator"), doc.coordinator_name))
    block: list[Flowable] = [
        para(t("Signatures"), s["h2"]),
        para(t("We have read this agreement together and agree to it."), s["body"]),
    ]
    for role, name in people:
        label = f"{shown(role)}: {shown(name)}" if name.strip() else shown(role)
        block.append(_signer(label, t, s))
    return [Spacer(1, 4 * mm), KeepTogether(block)]


def _goals(doc: AgreementDocument, t: Translator, s) -> list[Flowable]:
    goals = list(doc.goals)
    if doc.by_hand or not goals:
        goals += [Goal("")] * (MAX_GOALS - len(goals))
    story: list[Flowable] = []
    if not any(goal.goal.strip() for goal in goals):
        story.append(
            para(t("At most three goals, each with the steps towards it and how you will see it."), s["italic"])
        )
    for number, goal in enumerate(goals, start=1):
        if len(goal.goal) > HEADING_LENGTH:  # a long goal reads as text under its heading, not bold
            story += [*_h3(t("Goal {n}").format(n=number), s), para(goal.goal, s["body"])]
        elif goal.goal.strip():
            story += _h3(t("Goal {n}: {goal}").format(n=number, goal=goal.goal), s)
        else:
            story.append(_write_here(para(t("Goal {n}").format(n=number), s["h3"]), 2))
        if goal.steps.strip():
            story.append(para(t("Steps: {steps}").format(steps=goal.steps), s["body"]))
        else:
            story.append(_write_here(para(t("Steps"), s["small"]), 2))
        if goal.success.strip():
            story.append(para(t("We will see it succeed when: {measure}").format(measure=goal.success), s["body"]))
        else:
            story.append(_write_here(para(t("We will see it succeed when"), s["small"]), 1))
    return story


def _timeline(doc: AgreementDocument, t: Translator, s) -> list[Flowable]:
    if doc.timeline_start and doc.timeline_end:
        text = t("From {start} to {end}.").format(start=t.date(doc.timeline_start), end=t.date(doc.timeline_end))
        return [para(text, s["body"])]
    if doc.style == Style.FLASH:
        return [
            para(t("Flash mentoring: a single session or a short series on one topic."), s["body"]),
            Field(t("When:"), s["body"]),
        ]
    return [
        para(t("A few weeks, at most four months."), s["body"]),
        Field(t("From:"), s["body"]),
        Field(t("To:"), s["body"]),
    ]


def _meetings(doc: AgreementDocument, t: Translator, s) -> list[Flowable]:
    story: list[Flowable] = []
    if doc.meeting_frequency.strip():
        story.append(para(t("How often: {frequency}").format(frequency=doc.meeting_frequency), s["body"]))
    else:
        story.append(Field(t("How often:"), s["body"]))
    if doc.meeting_duration:
        story.append(
            para(
                t.n("How long: {minutes} minute", "How long: {minutes} minutes", doc.meeting_duration).format(
                    minutes=doc.meeting_duration
                ),
                s["body"],
            )
        )
    else:
        story.append(Field(t("How long (minutes):"), s["body"]))
    if doc.meeting_mode in (m.value for m in Mode):
        story.append(para(t("Where: {mode}").format(mode=label(Mode(doc.meeting_mode), t.language)), s["body"]))
    else:
        story.append(Field(t("Where:"), s["body"]))
    if doc.expected_hours > 0:
        hours = format_number(doc.expected_hours, t.language)
        text = t.n(
            "The programme expects about {hours} hour of mentoring a month.",
            "The programme expects about {hours} hours of mentoring a month.",
            1 if doc.expected_hours == 1 else 2,
        )
        story.append(para(text.format(hours=hours), s["body"]))
    return story


def _success(text: str, examples: tuple[str, ...], t: Translator, s) -> list[Flowable]:
    if text.strip():
        return [para(text, s["body"])]
    ticks: list[Flowable] = [Tick(para(t(example), s["body"])) for example in examples]
    return [*ticks, _write_here(para(t("In our own words"), s["small"]), 2)]


def agreement_story(doc: AgreementDocument, t: Translator) -> list:
    s = _styles()
    story: list = []
    image = logo(doc.logo)
    if image is not None:  # scaled to the frame's width and the logo's height
        story += [image, Spacer(1, 4 * mm)]
    story.append(para(t(TITLE), s["title"]))
    story.append(para(" · ".join(shown(part) for part in (doc.programme, doc.institution) if part), s["subtitle"]))
    story += [_names(doc, t, s), Spacer(1, 2 * mm)]
    style_text = label(Style(doc.style), t.language) if doc.style in (x.value for x in Style) else doc.style
    story.append(para(t("Form of mentoring: {style}").format(style=style_text), s["small"]))

    story += _h2(t("1. Goals and expectations"), s)
    story += _goals(doc, t, s)
    story += _field(t("Expectations"), doc.expectations, 3, s)

    story += [*_h2(t("2. Timeline"), s), *_timeline(doc, t, s)]
    story += [*_h2(t("3. Meetings"), s), *_meetings(doc, t, s)]

    story += _h2(t("4. Boundaries"), s)
    story += _field(t("What the mentor cannot or will not do"), doc.mentor_boundaries, 3, s)
    story += _field(t("What the mentee cannot or will not do"), doc.mentee_boundaries, 3, s)

    story += _h2(t("5. Confidentiality"), s)
    story.append(para(doc.confidentiality or t(CONFIDENTIALITY), s["body"]))
    story += _field(t(OFF_LIMITS), doc.off_limits, 2, s)

    story += [*_h2(t("6. Ending the mentoring"), s), para(doc.termination or t(TERMINATION), s["body"])]

    story += _h2(t("7. Success criteria"), s)
    story += [
        *_h3(t("As a mentor I am successful when …"), s),
        *_success(doc.mentor_success, MENTOR_SUCCESS_EXAMPLES, t, s),
    ]
    story += [
        *_h3(t("As a mentee I am successful when …"), s),
        *_success(doc.mentee_success, MENTEE_SUCCESS_EXAMPLES, t, s),
    ]

    story += _signatures(doc, t, s)
    return story


def write_agreement(doc: AgreementDocument, language: str, target: Path | BinaryIO) -> None:
    t = Translator(language)

    def footer(page: int, pages: int) -> str:
        return t("{programme} · Mentoring agreement, version {version} · Page {page} of {pages}").format(
            programme=shown(doc.programme, 60), version=doc.version, page=page, pages=pages
        )

    write_pdf(
        target,
        agreement_story(doc, t),
        title=t("Mentoring agreement: {mentor} and {mentee}").format(
            mentor=shown(doc.mentor), mentee=shown(doc.mentee)
        ),
        author=shown(doc.coordinator_name or doc.programme),
        subject=shown(doc.programme),
        footer=footer,
        language=language,
    )
