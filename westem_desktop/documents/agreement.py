"""The mentoring agreement (mentorsavtal, mentoravtale, mentoringovereenkomst) as an A4 PDF to sign."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from westem_desktop.core.agreement_texts import CONFIDENTIALITY, TERMINATION
from westem_desktop.core.enums import Mode, Style
from westem_desktop.core.labels import LABELS
from westem_desktop.core.printables import AgreementDocument
from westem_desktop.documents.base import ACCENT, Translator, logo, para, shown, styles, write_pdf
from westem_desktop.i18n import N_

TITLE = N_("Mentoring agreement")


def _signatures(doc: AgreementDocument, t: Translator, s) -> Table:
    people = [(t("Mentor"), doc.mentor), (t("Mentee"), doc.mentee)]
    if doc.coordinator_signs:
        people.append((doc.coordinator_title or t("Coordinator"), doc.coordinator_name))
    rows = []
    for role, name in people:
        rows.append([para(f"{shown(role)}: {shown(name)}", s["body"]), ""])
        rows.append(["", ""])
        rows.append([para(t("Signature"), s["small"]), para(t("Place and date"), s["small"])])
        rows.append(["", ""])
    table = Table(rows, colWidths=[95 * mm, 70 * mm], rowHeights=[None, 12 * mm, None, 6 * mm] * len(people))
    commands = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    for i in range(len(people)):
        commands += [
            ("LINEBELOW", (0, 3 * i + 1), (0, 3 * i + 1), 0.6, colors.black),
            ("LINEBELOW", (1, 3 * i + 1), (1, 3 * i + 1), 0.6, colors.black),
        ]
    table.setStyle(TableStyle(commands))
    return table


def agreement_story(doc: AgreementDocument, t: Translator) -> list:
    s = styles()
    story: list = []
    image = logo(doc.logo)
    if image is not None:
        story += [image, Spacer(1, 4 * mm)]
    story.append(para(t(TITLE), s["title"]))
    story.append(para(" · ".join(shown(part) for part in (doc.programme, doc.institution) if part), s["subtitle"]))
    names = Table(
        [
            [para(t("Mentor"), s["small"]), para(t("Mentee"), s["small"])],
            [para(shown(doc.mentor), s["h3"]), para(shown(doc.mentee), s["h3"])],
        ],
        colWidths=[85 * mm, 85 * mm],
    )
    names.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [names, Spacer(1, 2 * mm)]
    style_text = t(LABELS[Style(doc.style)]) if doc.style in (x.value for x in Style) else doc.style
    story.append(para(t("Form of mentoring: {style}").format(style=style_text), s["small"]))

    story.append(para(t("1. Goals and expectations"), s["h2"]))
    if doc.goals:
        for number, goal in enumerate(doc.goals, start=1):
            block = [para(t("Goal {n}: {goal}").format(n=number, goal=goal.goal), s["h3"])]
            if goal.steps:
                block.append(para(t("Steps: {steps}").format(steps=goal.steps), s["body"]))
            if goal.success:
                block.append(para(t("We will see it succeed when: {measure}").format(measure=goal.success), s["body"]))
            story.append(KeepTogether(block))
    else:
        story.append(para(t("Goals are agreed at the first meetings (at most three)."), s["italic"]))
    if doc.expectations:
        story.append(para(t("Expectations"), s["h3"]))
        story.append(para(doc.expectations, s["body"]))

    story.append(para(t("2. Timeline"), s["h2"]))
    if doc.timeline_start and doc.timeline_end:
        story.append(
            para(
                t("From {start} to {end}.").format(start=t.date(doc.timeline_start), end=t.date(doc.timeline_end)),
                s["body"],
            )
        )
    elif doc.style == Style.FLASH:
        story.append(para(t("Flash mentoring: a single session or a short series on one topic."), s["body"]))
    else:
        story.append(para(t("Agreed at the first meeting (a few weeks, at most four months)."), s["body"]))

    story.append(para(t("3. Meetings"), s["h2"]))
    facts = []
    if doc.meeting_frequency:
        facts.append(t("How often: {frequency}").format(frequency=doc.meeting_frequency))
    if doc.meeting_duration:
        facts.append(t("How long: {minutes} minutes").format(minutes=doc.meeting_duration))
    if doc.meeting_mode in (m.value for m in Mode):
        facts.append(t("Where: {mode}").format(mode=t(LABELS[Mode(doc.meeting_mode)])))
    story.append(para("\n".join(facts) or t("Agreed at the first meeting."), s["body"]))

    story.append(para(t("4. Boundaries"), s["h2"]))
    story.append(para(t("What the mentor cannot or will not do"), s["h3"]))
    story.append(para(doc.mentor_boundaries or "–", s["body"]))
    story.append(para(t("What the mentee cannot or will not do"), s["h3"]))
    story.append(para(doc.mentee_boundaries or "–", s["body"]))

    story.append(para(t("5. Confidentiality"), s["h2"]))
    story.append(para(doc.confidentiality or t(CONFIDENTIALITY), s["body"]))
    if doc.off_limits:
        story.append(para(t("Topics that are off limits: {topics}").format(topics=doc.off_limits), s["body"]))

    story.append(para(t("6. Ending the mentoring"), s["h2"]))
    story.append(para(doc.termination or t(TERMINATION), s["body"]))

    story.append(para(t("7. Success criteria"), s["h2"]))
    story.append(para(t("As a mentor I am successful when …"), s["h3"]))
    story.append(para(doc.mentor_success or "–", s["body"]))
    story.append(para(t("As a mentee I am successful when …"), s["h3"]))
    story.append(para(doc.mentee_success or "–", s["body"]))

    story.append(Spacer(1, 6 * mm))
    story.append(
        KeepTogether(
            [
                para(t("Signatures"), s["h2"]),
                para(t("We have read this agreement together and agree to it."), s["body"]),
                Spacer(1, 2 * mm),
                _signatures(doc, t, s),
            ]
        )
    )
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
