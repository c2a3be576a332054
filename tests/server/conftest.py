"""A secured database on the throwaway server: two programmes, "Physics" and "Chemistry", with one row of each
kind apiece (two participants: a mentor with notes and a mentee), and login roles to connect as."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from tests.pgserver import ThrowawayServer


def sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://")


def _fill(session, name: str) -> None:
    from westem_desktop.core import models as m

    day = dt.date(2026, 9, 1)
    programme = m.Programme(name=name)
    mentor = m.Participant(
        programme=programme,
        role="mentor",
        name=f"Mentor of {name}",
        email=f"mentor@{name}.example",
        notes=f"private note of {name}",
        fields=["physics"],
        languages=["sv", "en"],
        capacity=2,
    )
    mentee = m.Participant(programme=programme, role="mentee", name=f"Mentee of {name}", email=f"mentee@{name}.example")
    session.add_all([programme, mentor, mentee])
    session.flush()
    session.add(m.OnboardingItem(participant=mentee, item_key="profile", done_on=day))
    session.add(m.MentorRequest(programme_id=programme.id, mentee_id=mentee.id, mentor_id=mentor.id, requested_on=day))
    pair = m.Match(programme=programme, mentor=mentor, mentee=mentee, created_on=day, notes=f"pair note of {name}")
    session.add(pair)
    session.flush()
    phase = m.PhaseProgress(match=pair, phase=1, started_on=day)
    session.add(phase)
    session.add(m.Meeting(match=pair, date=day, private_notes="meeting note"))
    agreement = m.Agreement(match_id=pair.id)
    session.add(agreement)
    evaluation = m.Evaluation(match_id=pair.id, instrument="session", respondent_role="mentee", submitted_on=day)
    session.add(evaluation)
    session.add(m.Certificate(match_id=pair.id, participant_id=mentee.id, role="mentee", issued_on=day, language="en"))
    session.flush()
    session.add(m.ChecklistTick(phase_progress=phase, item_key="first", done_on=day))
    session.add(m.AgreementGoal(agreement_id=agreement.id, position=1, goal="A goal"))
    session.add(m.EvaluationAnswer(evaluation_id=evaluation.id, question_key="q1", number=4))
    session.add(
        m.LetterTemplate(
            programme_id=programme.id, kind="thanks", language="sv", subject=f"Tack, {name}", body="Tack! {coordinator}"
        )
    )


@dataclass
class Secured:
    """The database, its server, and three login roles: ``alice`` (coordinator of Physics), ``bob``
    (coordinator of Chemistry) and ``dean`` (faculty)."""

    server: ThrowawayServer
    name: str
    alice: str
    bob: str
    dean: str

    def url(self, user: str | None = None) -> str:
        return self.server.url(self.name, user=user) if user else self.server.url(self.name)

    def connect(self, user: str) -> psycopg.Connection:
        """A raw connection as ``user`` (autocommit: every statement stands alone)."""
        return psycopg.connect(self.url(user), autocommit=True)

    def admin(self) -> psycopg.Connection:
        return self.server.admin(self.name)

    def engine(self, user: str | None = None):
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        return create_engine(sqlalchemy_url(self.url(user)), poolclass=NullPool)


@pytest.fixture(scope="module")
def secured_template(pg_server: ThrowawayServer) -> Iterator[tuple[str, dict[str, str]]]:
    """A database at the newest schema with the access rules, filled, as a template; and the three roles."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import NullPool

    from westem_desktop.core.db import upgrade
    from westem_desktop.core.server import security

    suffix = uuid.uuid4().hex[:8]
    roles = {who: f"{who}_{suffix}" for who in ("alice", "bob", "dean")}
    name = pg_server.create_database(f"rls_template_{suffix}")
    engine = create_engine(sqlalchemy_url(pg_server.url(name)), poolclass=NullPool)
    upgrade(engine)
    with engine.begin() as connection:
        security.apply_security(connection)
    with Session(engine) as session, session.begin():
        _fill(session, "Physics")
        _fill(session, "Chemistry")
    engine.dispose()
    with pg_server.admin(name) as admin:
        for role in roles.values():
            admin.execute(f"CREATE ROLE {role} LOGIN")
        security.grant(admin, "Physics", roles["alice"])
        security.grant(admin, "Chemistry", roles["bob"])
        security.grant_faculty(admin, roles["dean"])
    yield name, roles
    pg_server.drop_database(name)


@pytest.fixture
def secured(pg_server: ThrowawayServer, secured_template: tuple[str, dict[str, str]]) -> Iterator[Secured]:
    """A fresh copy of the secured database for one test."""
    template, roles = secured_template
    name = pg_server.create_database(f"rls_{uuid.uuid4().hex[:12]}", template=template)
    yield Secured(pg_server, name, **roles)
    pg_server.drop_database(name)
