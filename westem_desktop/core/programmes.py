"""Programmes (schemes or cohorts): create, edit and find them, with their validation rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop.core.enums import (
    LANGUAGES,
    Format,
    MatchingMode,
    Mode,
    Organisation,
    Style,
)
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Match, Programme
from westem_desktop.core.participants import EMAIL
from westem_desktop.i18n import _, current_language


@dataclass
class ProgrammeSettings:
    """Everything a coordinator chooses for a programme (DOMAIN.md), as plain values for forms."""

    name: str
    institution: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    default_style: str = Style.TRADITIONAL
    format: str = Format.ONE_TO_ONE
    mode: str = Mode.FACE_TO_FACE
    formal: bool = False
    structured: bool = True
    organisation: str = Organisation.CENTRAL
    matching_mode: str = MatchingMode.PRESELECTION
    expected_hours_per_month: float = 1.0
    coordinator_name: str = ""
    coordinator_title: str = ""
    coordinator_signs_agreement: bool = False
    document_language: str = "en"
    logo: bytes | None = None
    attention_weeks: int = 4
    coordinator_email: str | None = None
    """The address the letters are sent from ("": none); None: unchanged (a form without the field)."""

    @classmethod
    def of(cls, programme: Programme) -> ProgrammeSettings:
        return cls(**{f.name: getattr(programme, f.name) for f in fields(cls)})

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _programme_named(session: Session, name: str) -> Programme | None:
    """The programme whose name is ``name`` regardless of case, in any script ("ŞEBNEM" is "Şebnem"):
    compared in Python, as SQLite's lower() knows only ASCII. A file holds a handful of programmes."""
    wanted = name.strip().casefold()
    return next((p for p in session.scalars(select(Programme)) if p.name.casefold() == wanted), None)


def validate(session: Session, settings: ProgrammeSettings, programme_id: int | None = None) -> None:
    """Raise ValidationError (with the field it concerns) when the settings cannot be saved."""
    name = settings.name.strip()
    if not name:
        raise ValidationError(_("The programme needs a name."), "name")
    clash = _programme_named(session, name)
    if clash is not None and clash.id != programme_id:
        raise ValidationError(_("There is already a programme called “{name}”.").format(name=name), "name")
    choices = (
        ("default_style", Style),
        ("format", Format),
        ("mode", Mode),
        ("organisation", Organisation),
        ("matching_mode", MatchingMode),
    )
    for field, kind in choices:
        if getattr(settings, field) not in {member.value for member in kind}:
            raise ValidationError(_("Choose one of the offered values."), field)
    if settings.start_date and settings.end_date and settings.end_date < settings.start_date:
        raise ValidationError(_("The programme cannot end before it starts."), "end_date")
    if not 0 <= settings.expected_hours_per_month <= 40:
        raise ValidationError(_("Expected hours a month must be between 0 and 40."), "expected_hours_per_month")
    if not 1 <= settings.attention_weeks <= 26:
        raise ValidationError(_("The weeks without a meeting must be between 1 and 26."), "attention_weeks")
    if settings.document_language not in LANGUAGES:
        raise ValidationError(_("Choose one of the document languages."), "document_language")
    email = (settings.coordinator_email or "").strip()
    if email and (
        len(email) > 254 or not EMAIL.match(email) or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in email)
    ):
        raise ValidationError(_("“{email}” is not a valid e-mail address.").format(email=email), "coordinator_email")


def create_programme(session: Session, settings: ProgrammeSettings) -> Programme:
    settings.name = settings.name.strip()
    settings.coordinator_email = (settings.coordinator_email or "").strip()
    validate(session, settings)
    programme = Programme(**settings.values())
    session.add(programme)
    session.flush()
    return programme


def update_programme(session: Session, programme_id: int, settings: ProgrammeSettings) -> Programme:
    settings.name = settings.name.strip()
    if settings.coordinator_email is not None:
        settings.coordinator_email = settings.coordinator_email.strip()
    validate(session, settings, programme_id)
    programme = session.get_one(Programme, programme_id)
    for key, value in settings.values().items():
        if not (key == "coordinator_email" and value is None):
            setattr(programme, key, value)
    session.flush()
    return programme


def set_matching_levels(session: Session, programme_id: int, levels: dict[str, str]) -> None:
    """Remember how much each matching criterion counts (criterion → level), for the next suggestions."""
    session.get_one(Programme, programme_id).matching_weights = {c: str(level) for c, level in levels.items()}
    session.flush()


def get_settings(session: Session, programme_id: int) -> ProgrammeSettings:
    return ProgrammeSettings.of(session.get_one(Programme, programme_id))


def find_programme(session: Session, name: str | None) -> Programme:
    """The programme called ``name`` or, without a name, the only one; ValidationError otherwise."""
    if name:
        programme = _programme_named(session, name)
        if programme is None:
            raise ValidationError(_("There is no programme called “{name}”.").format(name=name), "programme")
        return programme
    programmes = session.scalars(select(Programme).order_by(Programme.id)).all()
    if not programmes:
        raise ValidationError(_("The database has no programme yet."), "programme")
    if len(programmes) > 1:
        raise ValidationError(_("The database has several programmes; choose one with --programme NAME."), "programme")
    return programmes[0]


def document_language(session: Session, *, match_id: int | None = None, programme_id: int | None = None) -> str:
    """The language a document is printed in: the pair's own, else its programme's, else the interface's.

    The one rule for agreements, certificates, paper forms, handouts and the report, in the window and on
    the command line (where ``--lang`` is the coordinator's explicit choice and wins)."""
    programme: Programme | None = None
    if match_id is not None:
        match = session.get_one(Match, match_id)
        if match.language:
            return match.language
        programme = match.programme
    elif programme_id is not None:
        programme = session.get_one(Programme, programme_id)
    return (programme.document_language if programme is not None else None) or current_language()
