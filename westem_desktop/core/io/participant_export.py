"""Export the participants of a programme to CSV (UTF-8 with BOM, as Excel expects) or XLSX.

Column headers are in the interface language; list cells are joined with ", ". Languages and countries
are written by their names in the interface language ("svenska, engelska", "Sverige"); roles, statuses,
fields, support, modes, consent and interests by their names too. The import reads every one of them back
in any of the four languages, so the file imports again unchanged. The rows are in the order of the role,
then of the name as the interface language sorts names (Å after Z in Swedish).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop.core.collation import collator
from westem_desktop.core.enums import Mode, ParticipantStatus, Role
from westem_desktop.core.io.participant_import import TARGET_LABELS, Target
from westem_desktop.core.io.table_writer import write_table
from westem_desktop.core.labels import value_label
from westem_desktop.core.models import Participant
from westem_desktop.core.vocabulary import country_name, field_label, interest_labels, language_name, support_label
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


# Words the import reads back in any of the four languages are written in the interface language.
SHOWN_BY_NAME: dict[Target, type[Enum]] = {
    Target.ROLE: Role,
    Target.STATUS: ParticipantStatus,
    Target.MODE: Mode,
}


def _value(participant: Participant, target: Target) -> object:
    value = getattr(participant, target.value)
    if target is Target.LANGUAGES:
        return ", ".join(language_name(code) for code in value)
    if target is Target.COUNTRY:
        return country_name(value) if value else ""
    if target is Target.INTERESTS:
        return interest_labels(value)
    if target is Target.FIELDS:
        return ", ".join(field_label(key) for key in value)
    if target is Target.SUPPORT:
        return ", ".join(support_label(key) for key in value)
    if isinstance(value, list):
        return ", ".join(value)
    if target is Target.CONSENT:
        return _("yes") if value else _("no")
    if target in SHOWN_BY_NAME and value:
        return value_label(SHOWN_BY_NAME[target], value)
    return "" if value is None else value


def participant_rows(session: Session, programme_id: int) -> Iterable[list[object]]:
    query = (
        select(Participant)
        .where(Participant.programme_id == programme_id, Participant.erased_at.is_(None))
        .order_by(Participant.role, Participant.id)
    )
    key = collator()
    people = sorted(session.scalars(query), key=lambda p: (p.role, key(p.name)))
    for participant in people:
        yield [_value(participant, target) for target in COLUMNS]


def export_participants(session: Session, programme_id: int, path: Path) -> int:
    """Write the file (its kind by its extension); returns the number of participants written."""
    headers = [_(TARGET_LABELS[t]) for t in COLUMNS]
    return write_table(path, headers, participant_rows(session, programme_id), _("Participants"))
