"""Export the participants of a programme to CSV (UTF-8 with BOM, as Excel expects) or XLSX.

Column headers are in the interface language; list cells are joined with ", " and codes are kept as
codes (sv, NO, ict) so that the file imports again unchanged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop import paths
from westem_desktop.core.errors import WestemError
from westem_desktop.core.io.participant_import import TARGET_LABELS, Target
from westem_desktop.core.io.safety import spreadsheet_safe
from westem_desktop.core.models import Participant
from westem_desktop.i18n import _

COLUMNS: tuple[Target, ...] = (
    Target.NAME,
    Target.EMAIL,
    Target.ROLE,
    Target.INSTITUTION,
    Target.STUDY_PROGRAMME,
    Target.YEAR,
    Target.FIELDS,
    Target.COUNTRY,
    Target.LANGUAGES,
    Target.INTERESTS,
    Target.SUPPORT,
    Target.MODE,
    Target.AVAILABILITY,
    Target.CAPACITY,
    Target.CONSENT,
    Target.STATUS,
    Target.NOTES,
)


def _value(participant: Participant, target: Target) -> object:
    value = getattr(participant, target.value)
    if isinstance(value, list):
        return ", ".join(value)
    if target is Target.CONSENT:
        return "yes" if value else "no"
    return "" if value is None else value


def participant_rows(session: Session, programme_id: int) -> Iterable[list[object]]:
    query = (
        select(Participant)
        .where(Participant.programme_id == programme_id, Participant.erased_at.is_(None))
        .order_by(Participant.role, Participant.name)
    )
    for participant in session.scalars(query):
        yield [spreadsheet_safe(_value(participant, target)) for target in COLUMNS]


def export_participants(session: Session, programme_id: int, path: Path) -> int:
    """Write the file (its kind by its extension); returns the number of participants written."""
    headers = [_(TARGET_LABELS[t]) for t in COLUMNS]
    rows = list(participant_rows(session, programme_id))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Participants"))
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        workbook.save(path)
    else:
        raise WestemError(_("Choose a file name ending in .csv or .xlsx."))
    paths.make_private(path)
    return len(rows)
