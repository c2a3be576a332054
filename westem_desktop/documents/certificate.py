"""Certificates of participation, one page each, for the mentee and for the mentor of a closed pair."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from westem_desktop.core.enums import Role
from westem_desktop.core.printables import CertificateDocument
from westem_desktop.documents.base import ACCENT, Translator, logo, para, shown, styles, write_pdf
from westem_desktop.i18n import N_, format_number

TITLE = N_("Certificate of participation")
FILE_NAME_CHARS = 80
FILE_NAME_BYTES = 160


def certificate_story(doc: CertificateDocument, t: Translator) -> list:
    s = styles()
    story: list = []
    image = logo(doc.logo, 20 * mm)
    if image is not None:
        image.hAlign = "CENTER"
        story += [image, Spacer(1, 6 * mm)]
    else:
        story.append(Spacer(1, 40 * mm))
    story.append(para(t(TITLE), s["centre_title"]))
    story.append(Spacer(1, 14 * mm))
    story.append(para(t("This certifies that"), s["centre"]))
    story.append(Spacer(1, 4 * mm))
    story.append(para(shown(doc.name), s["centre_big"]))
    story.append(Spacer(1, 6 * mm))
    role = t("mentor") if doc.role == Role.MENTOR else t("mentee")
    where = " · ".join(shown(p) for p in (doc.programme, doc.institution) if p)
    story.append(para(t("took part as a {role} in the peer-mentoring programme").format(role=role), s["centre"]))
    story.append(para(where, s["h3"]))
    story[-1].style = s["centre"]
    if doc.start and doc.end:
        story.append(para(t("from {start} to {end}").format(start=t.date(doc.start), end=t.date(doc.end)), s["centre"]))
    hours = format_number(doc.minutes / 60, t.language, decimals=1)
    story.append(Spacer(1, 4 * mm))
    story.append(
        para(
            t.n(
                "{n} meeting held, {hours} hours in all.", "{n} meetings held, {hours} hours in all.", doc.meetings
            ).format(n=doc.meetings, hours=hours),
            s["centre"],
        )
    )
    if doc.role == Role.MENTOR:
        story.append(Spacer(1, 4 * mm))
        story.append(
            para(t("As a mentor she has developed her skills in leadership, coaching and communication."), s["centre"])
        )
    story.append(Spacer(1, 28 * mm))
    when = t.date(doc.issued_on or dt.date.today())
    signature = Table(
        [
            ["", ""],
            [para(shown(doc.coordinator_name or ""), s["body"]), para(when, s["body"])],
            [para(shown(doc.coordinator_title or t("Coordinator")), s["small"]), para(t("Date"), s["small"])],
        ],
        colWidths=[85 * mm, 60 * mm],
        rowHeights=[14 * mm, None, None],
    )
    signature.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (0, 0), 0.6, colors.black),
                ("LINEABOVE", (0, 0), (-1, 0), 0, colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(signature)
    story.append(Spacer(1, 10 * mm))
    rule = Table([[""]], colWidths=[170 * mm], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT)]))
    story.append(rule)
    return story


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
        story += certificate_story(doc, t)
        if progress is not None and not progress(number, len(docs)):
            raise InterruptedError
    programme = shown(docs[0].programme, 60) if docs else ""
    write_pdf(
        target,
        story,
        title=t(TITLE) if len(docs) != 1 else f"{t(TITLE)}: {shown(docs[0].name)}",
        author=shown(docs[0].coordinator_name) if docs else "",
        subject=programme,
        footer=lambda page, pages: programme,
        language=language,
    )


def file_name(doc: CertificateDocument, t: Translator) -> str:
    """A safe file name for one person's certificate ("certificate-Łucja-Wróblewska-mentor.pdf"); the
    person's part is cut at ``FILE_NAME_CHARS`` characters and ``FILE_NAME_BYTES`` bytes (the file
    systems' limit is 255 bytes, and a long name in a script such as Greek or Thai takes two or three)."""
    word, person, role = (
        re.sub(r"[^\w\-]+", "-", part, flags=re.UNICODE).strip("-")
        for part in (t("certificate"), doc.name, t("mentor") if doc.role == Role.MENTOR else t("mentee"))
    )
    person = person[:FILE_NAME_CHARS]
    while len(person.encode("utf-8")) > FILE_NAME_BYTES:
        person = person[:-1]
    return "-".join(part for part in (word, person.strip("-"), role) if part) + ".pdf"


def write_certificate_files(
    docs: Sequence[CertificateDocument],
    language: str,
    folder: Path,
    progress: Callable[[int, int], bool] | None = None,
) -> list[Path]:
    """One PDF per person in ``folder``; the same name twice gets a number. All or nothing: when one
    file cannot be written (a full disk, a folder that may not be written), the files this call wrote
    are removed again, and the folder too if it made it. Stopping through ``progress`` keeps them."""
    t = Translator(language)
    made = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for number, doc in enumerate(docs, start=1):
            path = folder / file_name(doc, t)
            counter = 2
            while path in written or path.exists():
                path = folder / f"{path.stem.rsplit('~', 1)[0]}~{counter}.pdf"
                counter += 1
            write_certificates([doc], language, path)
            written.append(path)
            if progress is not None and not progress(number, len(docs)):
                break
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return written
