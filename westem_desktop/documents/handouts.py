"""Printable handouts: the mentee's and the mentor's onboarding checklists, and the four-phase mentoring
cycle with its checklists and guiding questions (the WESTEM manual), one document in one language."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from westem_desktop.core.checklists import ONBOARDING, PHASE_CHECKLISTS, PHASE_NAMES, PHASE_QUESTIONS
from westem_desktop.core.enums import Phase, Role
from westem_desktop.documents.base import Translator, para, styles, write_pdf
from westem_desktop.i18n import N_

BOX = "☐"


def handouts_story(t: Translator, programme: str) -> list:
    s = styles()
    story: list = []
    for role, title in ((Role.MENTEE, N_("Checklist for mentees")), (Role.MENTOR, N_("Checklist for mentors"))):
        story.append(para(t(title), s["title"]))
        story.append(para(programme, s["subtitle"]))
        for _key, text in ONBOARDING[role]:
            story.append(para(f"{BOX}  {t(text)}", s["body"]))
        story.append(Spacer(1, 10 * mm))
    story.append(PageBreak())
    story.append(para(t("The mentoring cycle"), s["title"]))
    story.append(
        para(t("Phases 1 and 2 may be merged into the first meeting. Flash mentoring skips phase 3."), s["subtitle"])
    )
    for phase in Phase:
        block = [para(f"{int(phase)}. {t(PHASE_NAMES[phase])}", s["h2"]), para(t("Checklist"), s["h3"])]
        block += [para(f"{BOX}  {t(text)}", s["body"]) for _key, text in PHASE_CHECKLISTS[phase]]
        block.append(para(t("Guiding questions"), s["h3"]))
        block += [para(f"•  {t(question)}", s["body"]) for question in PHASE_QUESTIONS[phase]]
        story.append(KeepTogether(block))
    return story


def write_handouts(language: str, programme: str, target: Path | BinaryIO) -> None:
    t = Translator(language)
    write_pdf(
        target,
        handouts_story(t, programme),
        title=t("The mentoring cycle"),
        author=programme,
        subject=programme,
        footer=lambda page, pages: t("{programme} · Page {page} of {pages}").format(
            programme=programme, page=page, pages=pages
        ),
        language=language,
    )
