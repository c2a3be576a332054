"""Printable handouts: the mentee's and the mentor's onboarding checklists, and the four-phase mentoring
cycle with each phase's aim, length and tips, its checklist and guiding questions (the WESTEM manual),
one document in one language, addressed to the reader."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from westem_desktop.core.checklists import (
    ONBOARDING_HANDOUT,
    PHASE_CHECKLISTS,
    PHASE_GUIDE,
    PHASE_NAMES,
    PHASE_QUESTIONS,
)
from westem_desktop.core.enums import Phase, Role
from westem_desktop.documents.base import Translator, para, shown, styles, write_pdf
from westem_desktop.i18n import N_

BOX = "☐"


def handouts_story(t: Translator, programme: str) -> list:
    s = styles()
    story: list = []
    for role, heading in ((Role.MENTEE, N_("Checklist for mentees")), (Role.MENTOR, N_("Checklist for mentors"))):
        story.append(para(t(heading), s["title"]))
        story.append(para(shown(programme), s["subtitle"]))
        for text in ONBOARDING_HANDOUT[role]:
            story.append(para(f"{BOX}  {t(text)}", s["body"]))
        story.append(Spacer(1, 10 * mm))
    story.append(PageBreak())
    story.append(para(t("The mentoring cycle"), s["title"]))
    story.append(
        para(t("Phases 1 and 2 may be merged into the first meeting. Flash mentoring skips phase 3."), s["subtitle"])
    )
    labels = (t("Aim"), t("How long"), t("Tips"))
    for phase in Phase:
        story.append(para(f"{int(phase)}. {t(PHASE_NAMES[phase])}", s["h2"]))
        story.append(
            KeepTogether(
                [
                    Paragraph(f"<b>{escape(label)}:</b> {escape(t(text))}", s["body"])
                    for label, text in zip(labels, PHASE_GUIDE[phase], strict=True)
                ]
            )
        )
        block = [para(t("Checklist"), s["h3"])]
        block += [para(f"{BOX}  {t(text)}", s["body"]) for _key, text in PHASE_CHECKLISTS[phase]]
        story.append(KeepTogether(block))
        questions = [para(t("Guiding questions"), s["h3"])]
        questions += [para(f"•  {t(question)}", s["body"]) for question in PHASE_QUESTIONS[phase]]
        story.append(KeepTogether(questions))
    return story


def write_handouts(language: str, programme: str, target: Path | BinaryIO) -> None:
    t = Translator(language)
    heading = t("Handouts: onboarding checklists and the mentoring cycle")
    write_pdf(
        target,
        handouts_story(t, programme),
        title=heading,
        author=programme,
        subject=f"{heading} · {programme}" if programme else heading,
        footer=lambda page, pages: t("{programme} · Page {page} of {pages}").format(
            programme=programme, page=page, pages=pages
        ),
        language=language,
    )
