"""Blank evaluation forms to hand out on paper, each naming the pair and the form so that the answers
are entered against the right pair (session, midpoint, final; for the mentor and for the mentee)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from westem_desktop.core.enums import Instrument, Role
from westem_desktop.core.instruments import FORM_TITLES, INSTRUMENTS
from westem_desktop.core.labels import LABELS
from westem_desktop.core.printables import BlankForm
from westem_desktop.documents.base import Translator, para, shown, styles, write_pdf


def form_story(form: BlankForm, t: Translator) -> list:
    s = styles()
    story = [para(t(FORM_TITLES[Instrument(form.instrument)]), s["title"]), para(shown(form.programme), s["subtitle"])]
    who = Table(
        [
            [
                para(t("Pair {id}").format(id=form.match_id), s["h3"]),
                para(t("Filled in by the {role}").format(role=t(LABELS[Role(form.role)]).lower()), s["h3"]),
            ],
            [
                para(f"{t('Mentor')}: {shown(form.mentor)}", s["body"]),
                para(f"{t('Mentee')}: {shown(form.mentee)}", s["body"]),
            ],
            [para(t("Date: ______________"), s["body"]), ""],
        ],
        colWidths=[85 * mm, 85 * mm],
    )
    who.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.grey), ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
    story += [who, Spacer(1, 6 * mm)]
    for number, question in enumerate(INSTRUMENTS[Instrument(form.instrument)], start=1):
        block = [para(f"{number}. {t(question.label)}", s["h3"])]
        if question.kind == "rating":
            block.append(para("1 ☐    2 ☐    3 ☐    4 ☐    5 ☐     " + t("(1 = not at all, 5 = very much)"), s["body"]))
        elif question.kind == "yes_no":
            block.append(para(f"{t('Yes')} ☐    {t('No')} ☐", s["body"]))
        elif question.kind == "count":
            block.append(para("______", s["body"]))
        else:
            lines = Table([[""]] * 3, colWidths=[170 * mm], rowHeights=[8 * mm] * 3)
            lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey)]))
            block.append(lines)
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))
    return story


def write_forms(forms: list[BlankForm], target: Path | BinaryIO) -> None:
    """One form after the other, each starting on a new page, each in its pair's language."""
    story: list = []
    for form in forms:
        if story:
            story.append(PageBreak())
        story += form_story(form, Translator(form.language))
    first = forms[0] if forms else None
    t = Translator(first.language if first else "en")
    write_pdf(
        target,
        story,
        title=t("Evaluation forms"),
        author=first.programme if first else "",
        footer=lambda page, pages: t("Evaluation forms · Page {page} of {pages}").format(page=page, pages=pages),
        language=t.language,
    )
