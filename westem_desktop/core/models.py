"""The SQLAlchemy 2.x models for everything a coordinator records (DOMAIN.md).

Every schema change goes through an Alembic revision in ``core/migrations/versions`` with a fixture
database in ``tests/fixtures/schemas``. Lists (languages, fields, interests) are JSON arrays of codes
or words: they are shown and filtered, never joined on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from westem_desktop.core.enums import (
    AgreementStatus,
    Format,
    Initiator,
    MatchingMode,
    MatchStatus,
    MeetingStatus,
    Mode,
    Organisation,
    ParticipantStatus,
    RequestStatus,
    Style,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class Versioned:
    """A row two coordinators may edit at once (migration 0006): ``row_version`` starts at 1 and goes up
    with every ORM update, which SQLAlchemy makes conditional on it (``version_id_col``: an update of a
    stale row fails); ``changed_by`` and ``changed_at`` (UTC) are stamped on every write
    (``core/versions.py``)."""

    row_version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.row_version}


class Programme(Versioned, Base):
    """A scheme or cohort, e.g. "ICT first-years 2026/27", with the settings the seeds name."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    institution: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    default_style: Mapped[str] = mapped_column(String(20), default=Style.TRADITIONAL)
    format: Mapped[str] = mapped_column(String(20), default=Format.ONE_TO_ONE)
    mode: Mapped[str] = mapped_column(String(20), default=Mode.FACE_TO_FACE)
    formal: Mapped[bool] = mapped_column(Boolean, default=False)
    structured: Mapped[bool] = mapped_column(Boolean, default=True)
    organisation: Mapped[str] = mapped_column(String(20), default=Organisation.CENTRAL)
    matching_mode: Mapped[str] = mapped_column(String(20), default=MatchingMode.PRESELECTION)
    expected_hours_per_month: Mapped[float] = mapped_column(Float, default=1.0)
    coordinator_name: Mapped[str] = mapped_column(String(200), default="")
    coordinator_title: Mapped[str] = mapped_column(String(200), default="")
    coordinator_signs_agreement: Mapped[bool] = mapped_column(Boolean, default=False)
    document_language: Mapped[str] = mapped_column(String(5), default="en")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    attention_weeks: Mapped[int] = mapped_column(Integer, default=4)
    coordinator_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    matching_weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    participants: Mapped[list[Participant]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", passive_deletes=True
    )
    matches: Mapped[list[Match]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        CheckConstraint("expected_hours_per_month >= 0", name="hours_not_negative"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
    )

    @property
    def recruitment_opens(self) -> dt.date | None:
        """Recruitment opens three weeks before the start (the WESTEM framework)."""
        return self.start_date - dt.timedelta(weeks=3) if self.start_date else None


class Participant(Versioned, Base):
    """A mentor or mentee (adept) and her profile."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    institution: Mapped[str] = mapped_column(String(200), default="")
    study_programme: Mapped[str] = mapped_column(String(200), default="")
    year_of_study: Mapped[int | None] = mapped_column(Integer)
    fields: Mapped[list[str]] = mapped_column(default=list)
    country: Mapped[str] = mapped_column(String(2), default="")
    languages: Mapped[list[str]] = mapped_column(default=list)
    interests: Mapped[list[str]] = mapped_column(default=list)
    support_wanted: Mapped[list[str]] = mapped_column(default=list)
    preferred_mode: Mapped[str | None] = mapped_column(String(20))
    availability: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default=ParticipantStatus.ACTIVE)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Set when re-enrolled for a new round: only pairs formed from this day on count (core/pool.py).
    enrolled_on: Mapped[dt.date | None] = mapped_column(Date)
    erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    programme: Mapped[Programme] = relationship(back_populates="participants")
    onboarding: Mapped[list[OnboardingItem]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("programme_id", "email"),
        # Covers the head counts of the main window without reading the (wide) rows.
        Index("ix_participant_programme_role", "programme_id", "role", "erased_at"),
        CheckConstraint("role IN ('mentor', 'mentee')", name="role"),
        CheckConstraint("capacity >= 1", name="capacity"),
        CheckConstraint("status IN ('active', 'withdrawn', 'completed')", name="status"),
    )


class OnboardingItem(Base):
    """A ticked item of the role's onboarding checklist ("Checklista för adepter / för mentorer")."""

    __tablename__ = "onboarding_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str] = mapped_column(String(50))
    done_on: Mapped[dt.date] = mapped_column(Date)

    participant: Mapped[Participant] = relationship(back_populates="onboarding")

    __table_args__ = (UniqueConstraint("participant_id", "item_key"),)


class MentorRequest(Base):
    """Self-matching: a mentee's ranked request to a mentor, and the mentor's answer."""

    __tablename__ = "mentor_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.PENDING)
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    requested_on: Mapped[dt.date] = mapped_column(Date)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("mentee_id", "mentor_id"),
        CheckConstraint("rank BETWEEN 1 AND 3", name="rank"),
    )


class Match(Versioned, Base):
    """A mentor-mentee pair. A mentor with several active pairs is a group."""

    __tablename__ = "match"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=MatchStatus.ACTIVE)
    style: Mapped[str] = mapped_column(String(20), default=Style.TRADITIONAL)
    initiated_by: Mapped[str] = mapped_column(String(20), default=Initiator.COORDINATOR)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    phase: Mapped[int] = mapped_column(Integer, default=1)
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_on: Mapped[dt.date] = mapped_column(Date)
    first_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    planned_end_date: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    termination_reason: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(5))
    notes: Mapped[str] = mapped_column(Text, default="")

    programme: Mapped[Programme] = relationship(back_populates="matches")
    mentor: Mapped[Participant] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])
    phases: Mapped[list[PhaseProgress]] = relationship(
        back_populates="match",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PhaseProgress.phase",
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="match", cascade="all, delete-orphan", passive_deletes=True, order_by="Meeting.date"
    )

    __table_args__ = (
        CheckConstraint("phase BETWEEN 1 AND 4", name="phase"),
        CheckConstraint("mentor_id <> mentee_id", name="two_people"),
        CheckConstraint("status IN ('active', 'closed', 'ended')", name="status"),
        CheckConstraint("style IN ('traditional', 'flash')", name="style"),
        Index("ix_match_programme_status", "programme_id", "status", "phase"),
    )


class PhaseProgress(Versioned, Base):
    """One phase of a pair's mentoring cycle: when it started and ended, or that it was skipped."""

    __tablename__ = "phase_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    phase: Mapped[int] = mapped_column(Integer)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    match: Mapped[Match] = relationship(back_populates="phases")
    checklist: Mapped[list[ChecklistTick]] = relationship(
        back_populates="phase_progress", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("match_id", "phase"),
        CheckConstraint("phase BETWEEN 1 AND 4", name="phase"),
    )


class ChecklistTick(Base):
    """A ticked item of a phase's checklist, with its date."""

    __tablename__ = "checklist_tick"

    id: Mapped[int] = mapped_column(primary_key=True)
    phase_progress_id: Mapped[int] = mapped_column(ForeignKey("phase_progress.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str] = mapped_column(String(50))
    done_on: Mapped[dt.date] = mapped_column(Date)

    phase_progress: Mapped[PhaseProgress] = relationship(back_populates="checklist")

    __table_args__ = (UniqueConstraint("phase_progress_id", "item_key"),)


class Meeting(Versioned, Base):
    """A planned or held meeting of a pair (20–60 minutes in the guide)."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=MeetingStatus.HELD)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column()
    duration_minutes: Mapped[int] = mapped_column(Integer, default=45)
    mode: Mapped[str | None] = mapped_column(String(20))
    phase: Mapped[int | None] = mapped_column(Integer)
    topics: Mapped[str] = mapped_column(Text, default="")
    private_notes: Mapped[str] = mapped_column(Text, default="")
    plan_template: Mapped[str | None] = mapped_column(String(50))
    plan_step: Mapped[int | None] = mapped_column(Integer)

    match: Mapped[Match] = relationship(back_populates="meetings")

    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="duration"),
        CheckConstraint("status IN ('planned', 'held', 'cancelled')", name="status"),
    )


class Agreement(Versioned, Base):
    """One version of a pair's mentoring agreement (mentorsavtal). Editing a signed one adds a version."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default=AgreementStatus.DRAFT)
    expectations: Mapped[str] = mapped_column(Text, default="")
    timeline_start: Mapped[dt.date | None] = mapped_column(Date)
    timeline_end: Mapped[dt.date | None] = mapped_column(Date)
    meeting_frequency: Mapped[str] = mapped_column(Text, default="")
    meeting_duration_minutes: Mapped[int | None] = mapped_column(Integer)
    meeting_mode: Mapped[str | None] = mapped_column(String(20))
    mentor_boundaries: Mapped[str] = mapped_column(Text, default="")
    mentee_boundaries: Mapped[str] = mapped_column(Text, default="")
    confidentiality: Mapped[str] = mapped_column(Text, default="")
    off_limits_topics: Mapped[str] = mapped_column(Text, default="")
    termination_clause: Mapped[str] = mapped_column(Text, default="")
    mentor_success_criteria: Mapped[str] = mapped_column(Text, default="")
    mentee_success_criteria: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(5))
    printed_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    goals: Mapped[list[AgreementGoal]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="AgreementGoal.position",
    )

    __table_args__ = (
        UniqueConstraint("match_id", "version"),
        CheckConstraint("status IN ('draft', 'printed', 'signed', 'superseded')", name="status"),
    )


class AgreementGoal(Base):
    """One of at most three goals: the goal, the steps to reach it, how success will be seen."""

    __tablename__ = "agreement_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    goal: Mapped[str] = mapped_column(Text)
    steps: Mapped[str] = mapped_column(Text, default="")
    success_measure: Mapped[str] = mapped_column(Text, default="")
    met: Mapped[bool | None] = mapped_column(Boolean)

    agreement: Mapped[Agreement] = relationship(back_populates="goals")

    __table_args__ = (
        UniqueConstraint("agreement_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 3", name="at_most_three"),
    )


class Evaluation(Versioned, Base):
    """An evaluation form filled in by the mentor or the mentee: after a session, midpoint or final."""

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    instrument: Mapped[str] = mapped_column(String(20))
    respondent_role: Mapped[str] = mapped_column(String(10))
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    answers: Mapped[list[EvaluationAnswer]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        CheckConstraint("respondent_role IN ('mentor', 'mentee')", name="role"),
        CheckConstraint("instrument IN ('session', 'midpoint', 'final')", name="instrument"),
    )


class EvaluationAnswer(Base):
    """The answer to one question of an instrument: a rating (1–5 or a count), a yes/no, or text."""

    __tablename__ = "evaluation_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)
    question_key: Mapped[str] = mapped_column(String(50))
    number: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")

    evaluation: Mapped[Evaluation] = relationship(back_populates="answers")

    __table_args__ = (UniqueConstraint("evaluation_id", "question_key"),)


class Certificate(Base):
    """A certificate of participation issued at closure, with the figures printed on it; one for each
    person and role in a pair, however often it is printed (``reprints``, the last on ``reprinted_on``)."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(5))
    meetings_held: Mapped[int] = mapped_column(Integer, default=0)
    minutes_total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Printing the same person's certificate again is a reprint of it, not a new certificate (0005).
    reprints: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reprinted_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (CheckConstraint("role IN ('mentor', 'mentee')", name="role"),)


class LetterTemplate(Versioned, Base):
    """A programme's own text of one kind of letter in one language (migration 0007); a missing row is
    the shipped default (``core/letters/templates.py``)."""

    __tablename__ = "letter_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("programme_id", "kind", "language"),)


class DatabaseIdentity(Base):
    """The one row that names this database file: a random UUID made once (migration 0004); every backup
    carries it, and only a file with the same identity counts as a backup of this database (core/backup.py)."""

    __tablename__ = "database_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String(36))

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
