"""What the documents print, as plain values: the core fills them from the database, ``documents/``
lays them out. Neither side needs the other's machinery: the documents load no database code, and the
core imports no renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from westem_desktop.core.enums import Style


@dataclass
class Goal:
    goal: str
    steps: str = ""
    success: str = ""


@dataclass
class AgreementDocument:
    programme: str
    mentor: str
    mentee: str
    institution: str = ""
    logo: bytes | None = None
    style: str = Style.TRADITIONAL
    version: int = 1
    goals: list[Goal] = field(default_factory=list)
    expectations: str = ""
    timeline_start: dt.date | None = None
    timeline_end: dt.date | None = None
    meeting_frequency: str = ""
    meeting_duration: int | None = None
    meeting_mode: str | None = None
    mentor_boundaries: str = ""
    mentee_boundaries: str = ""
    confidentiality: str = ""  # empty: the manual's standard clause
    off_limits: str = ""
    termination: str = ""  # empty: the manual's standard clause
    mentor_success: str = ""
    mentee_success: str = ""
    coordinator_name: str = ""
    coordinator_title: str = ""
    coordinator_signs: bool = False
    expected_hours: float = 0.0  # the programme's expected hours of mentoring a month; 0: none stated
    by_hand: bool = False  # to complete by hand: three goals to fill in, whatever is already filled


@dataclass
class CertificateDocument:
    name: str
    role: str
    programme: str
    institution: str = ""
    logo: bytes | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    meetings: int = 0
    minutes: int = 0
    partner: str = ""
    coordinator_name: str = ""
    coordinator_title: str = ""
    issued_on: dt.date | None = None
    match_id: int = 0  # what recording the certificate as issued needs
    participant_id: int = 0


@dataclass(frozen=True)
class BlankForm:
    programme: str
    match_id: int
    mentor: str
    mentee: str
    role: str
    instrument: str
    language: str
