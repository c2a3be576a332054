"""Mentors and mentees: validation, create, edit, delete (with what undo needs), onboarding, status.

The rules live here, for the dialog, the import and the command line alike. Every function takes a
``Session``; the caller's ``Database.session()`` makes each user action one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from westem_desktop.core import storable, versions
from westem_desktop.core.checklists import onboarding_keys
from westem_desktop.core.enums import Mode, ParticipantStatus, Role
from westem_desktop.core.errors import ConcurrentChangeError, ValidationError
from westem_desktop.core.models import Match, MentorRequest, OnboardingItem, Participant
from westem_desktop.core.vocabulary import FIELDS, LANGUAGE_CODES
from westem_desktop.i18n import _, ngettext

# A practical check, not RFC 5322: one @, no spaces, a dot in the domain.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_YEAR_OF_STUDY = 10
MAX_CAPACITY = 50
"""The most mentees one mentor takes (a large group)."""


@dataclass
class ParticipantData:
    """A participant's profile as plain values, for forms, imports and undo."""

    role: str
    name: str
    email: str = ""
    institution: str = ""
    study_programme: str = ""
    year_of_study: int | None = None
    fields: list[str] = field(default_factory=list)
    country: str = ""
    languages: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    support_wanted: list[str] = field(default_factory=list)
    preferred_mode: str | None = None
    availability: str = ""
    capacity: int = 1
    status: str = ParticipantStatus.ACTIVE
    consent: bool = False
    consent_date: dt.date | None = None
    notes: str = ""

    @classmethod
    def of(cls, participant: Participant) -> ParticipantData:
        values = {f.name: getattr(participant, f.name) for f in fields(cls)}
        values["email"] = values["email"] or ""
        for name in ("fields", "languages", "interests", "support_wanted"):
            values[name] = list(values[name] or [])
        return cls(**values)

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def normalise(data: ParticipantData) -> ParticipantData:
    """Trim text, lower-case the e-mail and codes, drop empty and repeated list entries."""
    data.name = " ".join(data.name.split())
    data.email = data.email.strip().lower()
    data.country = data.country.strip().upper()
    for name in ("institution", "study_programme", "availability", "notes"):
        setattr(data, name, getattr(data, name).strip())
    for name in ("fields", "languages", "interests", "support_wanted"):
        seen: list[str] = []
        for item in getattr(data, name):
            item = item.strip()
            if name in ("languages", "fields"):
                item = item.lower()
            if item and item not in seen:
                seen.append(item)
        setattr(data, name, seen)
    return data


STORED_TEXTS = ("name", "email", "institution", "study_programme", "country", "availability", "notes")


def problems(data: ParticipantData) -> list[ValidationError]:
    """Every rule ``data`` breaks on its own (without the database), each with its field."""
    found: list[ValidationError] = []
    if not data.name:
        found.append(ValidationError(_("The name is required."), "name"))
    if data.role not in (Role.MENTOR, Role.MENTEE):
        found.append(ValidationError(_("The role must be mentor or mentee."), "role"))
    if not data.email:
        found.append(ValidationError(_("The e-mail address is required."), "email"))
    elif not EMAIL.match(data.email):
        found.append(ValidationError(_("“{email}” is not a valid e-mail address.").format(email=data.email), "email"))
    if data.role == Role.MENTOR and data.capacity < 1:
        found.append(ValidationError(_("A mentor takes at least 1 mentee."), "capacity"))
    elif data.capacity > MAX_CAPACITY:
        found.append(
            ValidationError(
                ngettext(
                    "A mentor takes at most {max} mentee.", "A mentor takes at most {max} mentees.", MAX_CAPACITY
                ).format(max=MAX_CAPACITY),
                "capacity",
            )
        )
    unknown = [code for code in data.languages if code not in LANGUAGE_CODES]
    if unknown:
        found.append(
            ValidationError(
                ngettext("Unknown language: {languages}.", "Unknown languages: {languages}.", len(unknown)).format(
                    languages=", ".join(unknown)
                ),
                "languages",
            )
        )
    unknown_fields = [name for name in data.fields if name not in FIELDS]
    if unknown_fields:
        found.append(
            ValidationError(
                ngettext(
                    "Unknown field of expertise: {fields}.",
                    "Unknown fields of expertise: {fields}.",
                    len(unknown_fields),
                ).format(fields=", ".join(unknown_fields)),
                "fields",
            )
        )
    if data.year_of_study is not None and not 1 <= data.year_of_study <= MAX_YEAR_OF_STUDY:
        found.append(
            ValidationError(
                _("The year of study must be a number from 1 to {max}.").format(max=MAX_YEAR_OF_STUDY), "year_of_study"
            )
        )
    if data.country and not re.fullmatch(r"[A-Z]{2}", data.country):
        found.append(ValidationError(_("The country must be a two-letter code, such as SE or NL."), "country"))
    if data.preferred_mode not in (None, "", *(m.value for m in Mode)):
        found.append(ValidationError(_("Unknown mode: {mode}.").format(mode=data.preferred_mode), "preferred_mode"))
    if data.status not in (s.value for s in ParticipantStatus):
        found.append(ValidationError(_("Unknown status: {status}.").format(status=data.status), "status"))
    columns = Participant.__table__.c
    for name in STORED_TEXTS:  # before the save (core/storable.py): an import refuses the row, not the file
        problem = storable.problem(getattr(data, name), getattr(columns[name].type, "length", None), name)
        if problem is not None:
            found.append(problem)
    return found


def email_taken(session: Session, programme_id: int, email: str, except_id: int | None = None) -> bool:
    query = select(Participant.id).where(Participant.programme_id == programme_id, Participant.email == email)
    if except_id is not None:
        query = query.where(Participant.id != except_id)
    return session.scalar(query.limit(1)) is not None


def validate(
    session: Session, programme_id: int, data: ParticipantData, participant_id: int | None = None
) -> ParticipantData:
    """Normalise ``data`` and raise the first ValidationError it has, the database included."""
    normalise(data)
    found = problems(data)
    if found:
        raise found[0]
    if email_taken(session, programme_id, data.email, participant_id):
        raise ValidationError(
            _("Another participant of this programme already has the e-mail address {email}.").format(email=data.email),
            "email",
        )
    return data


def row_values(data: ParticipantData) -> dict[str, Any]:
    """The columns of a participant row for validated ``data`` (a mentee's capacity does not count)."""
    values = data.values()
    values["preferred_mode"] = values["preferred_mode"] or None
    values["capacity"] = max(1, values["capacity"]) if data.role == Role.MENTEE else values["capacity"]
    return values


def create_participant(session: Session, programme_id: int, data: ParticipantData) -> Participant:
    validate(session, programme_id, data)
    participant = Participant(programme_id=programme_id, **row_values(data))
    session.add(participant)
    session.flush()
    return participant


def update_participant(
    session: Session, participant_id: int, data: ParticipantData, version: int | None = None
) -> Participant:
    """Save ``data`` over the participant; ``version`` is the one the screen showed: refused
    (``ConcurrentChangeError``) when someone saved her since, ``RowDeletedError`` when she was deleted."""
    participant = versions.current(session, Participant, participant_id, version)
    validate(session, participant.programme_id, data, participant_id)
    if data.role != participant.role and _has_pairs(session, participant_id):
        raise ValidationError(_("The role cannot change while the participant is in a pair."), "role")
    for key, value in row_values(data).items():
        setattr(participant, key, value)
    session.flush()
    return participant


def _has_pairs(session: Session, participant_id: int) -> bool:
    query = select(Match.id).where((Match.mentor_id == participant_id) | (Match.mentee_id == participant_id))
    return session.scalar(query.limit(1)) is not None


@dataclass(frozen=True)
class DeletedParticipant:
    """What undo needs to put a deleted participant back exactly: id, profile, onboarding."""

    id: int
    programme_id: int
    data: ParticipantData
    onboarding: tuple[tuple[str, dt.date], ...]
    created_at: dt.datetime


def delete_participants(
    session: Session, participant_ids: list[int], seen: dict[int, int] | None = None
) -> list[DeletedParticipant]:
    """Delete participants who are in no pair; refuses the whole action if one of them is or was (a pair
    keeps its history, so ending it does not help: erasing her personal data does). ``seen`` maps ids to
    the versions the screen showed: the delete is refused when one of them was changed since."""
    people = session.scalars(
        select(Participant)
        .where(Participant.id.in_(participant_ids))
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    for person in people:
        if seen is not None and person.id in seen and seen[person.id] != person.row_version:
            raise ConcurrentChangeError(person.changed_by, person.changed_at, person.row_version)
    paired = [p.name for p in people if _has_pairs(session, p.id)]
    if paired:
        raise ValidationError(
            ngettext(
                "{names} cannot be deleted because she is or was in a pair; erase her personal data instead.",
                "{names} cannot be deleted because they are or were in pairs; erase their personal data instead.",
                len(paired),
            ).format(names=", ".join(paired))
        )
    snapshots = [
        DeletedParticipant(
            id=p.id,
            programme_id=p.programme_id,
            data=ParticipantData.of(p),
            onboarding=tuple((item.item_key, item.done_on) for item in p.onboarding),
            created_at=p.created_at,
        )
        for p in people
    ]
    session.execute(
        delete(MentorRequest).where(
            MentorRequest.mentee_id.in_(participant_ids) | MentorRequest.mentor_id.in_(participant_ids)
        )
    )
    for person in people:
        session.delete(person)
    session.flush()
    return snapshots


def restore_participants(session: Session, snapshots: list[DeletedParticipant]) -> None:
    """Undo a delete: the same ids, profiles and onboarding dates as before."""
    for snap in snapshots:
        if email_taken(session, snap.programme_id, snap.data.email):
            raise ValidationError(
                _("{name} cannot come back: another participant now has the e-mail address {email}.").format(
                    name=snap.data.name, email=snap.data.email
                ),
                "email",
            )
        person = Participant(
            id=snap.id, programme_id=snap.programme_id, created_at=snap.created_at, **row_values(snap.data)
        )
        person.onboarding = [OnboardingItem(item_key=k, done_on=d) for k, d in snap.onboarding]
        session.add(person)
    session.flush()


def set_onboarding(session: Session, participant_id: int, item_key: str, done_on: dt.date | None) -> None:
    """Tick (with its date) or untick one item of the role's onboarding checklist."""
    participant = session.get_one(Participant, participant_id)
    if item_key not in onboarding_keys(participant.role):
        raise ValidationError(_("Unknown checklist item: {item}.").format(item=item_key))
    existing = session.scalar(
        select(OnboardingItem).where(
            OnboardingItem.participant_id == participant_id, OnboardingItem.item_key == item_key
        )
    )
    if done_on is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(OnboardingItem(participant_id=participant_id, item_key=item_key, done_on=done_on))
    else:
        existing.done_on = done_on
    session.flush()


def onboarding_state(session: Session, participant_id: int) -> dict[str, dt.date]:
    rows = session.execute(
        select(OnboardingItem.item_key, OnboardingItem.done_on).where(OnboardingItem.participant_id == participant_id)
    )
    return dict(rows.all())


def count_participants(session: Session, programme_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(Participant).where(Participant.programme_id == programme_id))
        or 0
    )
