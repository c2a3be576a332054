"""The demo programme: deterministic, realistic, and fit for the stress benchmarks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.pgserver import ENGINES, engine_target
from westem_desktop.core.checklists import phase_keys
from westem_desktop.core.db import open_database
from westem_desktop.core.demo import ascii_name, create_demo, create_demo_database
from westem_desktop.core.instruments import question_keys
from westem_desktop.core.models import (
    Agreement,
    ChecklistTick,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    Participant,
    PhaseProgress,
)

TODAY = dt.date(2026, 11, 22)


def snapshot(path: Path | str) -> tuple[list, list, list]:
    with open_database(path) as db, db.session() as session:
        people = session.execute(
            select(Participant.name, Participant.email, Participant.role).order_by(Participant.id)
        ).all()
        pairs = session.execute(
            select(Match.mentor_id, Match.mentee_id, Match.phase, Match.status, Match.style).order_by(Match.id)
        ).all()
        meetings = session.execute(select(Meeting.date, Meeting.duration_minutes).order_by(Meeting.id)).all()
    return [tuple(r) for r in people], [tuple(r) for r in pairs], [tuple(r) for r in meetings]


@pytest.fixture(params=ENGINES)
def three(request: pytest.FixtureRequest, tmp_path: Path) -> list[Path | str]:
    """Three new, empty databases: files, or databases on the test server."""
    return [engine_target(request, tmp_path, f"{name}.sqlite") for name in "abc"]


def test_same_seed_same_programme_other_seed_other_programme(three: list[Path | str]) -> None:
    for target, seed in zip(three, (5, 5, 6), strict=True):
        create_demo_database(target, participants=80, seed=seed, today=TODAY)
    a, b, c = (snapshot(target) for target in three)
    assert a == b
    assert a[0] != c[0]


@pytest.fixture(scope="module", params=ENGINES)
def demo(request: pytest.FixtureRequest, tmp_path_factory) -> Path | str:
    """A demo programme of 300 in a file, and in a database on the test server."""
    path = engine_target(request, tmp_path_factory.mktemp("demo"), "demo.sqlite")
    create_demo_database(path, participants=300, seed=1, today=TODAY)
    return path


def test_people_are_realistic(demo: Path) -> None:
    with open_database(demo) as db, db.session() as session:
        people = session.scalars(select(Participant)).all()
        assert len(people) == 300
        roles = Counter(p.role for p in people)
        assert roles["mentor"] == 120 and roles["mentee"] == 180
        emails = [p.email for p in people]
        assert len(set(emails)) == len(emails) and all(e.isascii() and "@" in e for e in emails)
        names = [p.name for p in people]
        assert any(any(ord(c) > 0xFF for c in n) for n in names)  # outside Latin-1: Ł, Ş, ễ ...
        assert any(any("\u0370" <= c <= "\u03ff" for c in n) for n in names)  # Greek script
        assert all(p.year_of_study >= 3 for p in people if p.role == "mentor")
        assert all(p.year_of_study <= 2 for p in people if p.role == "mentee")
        assert all(p.languages and p.fields and p.consent for p in people)


def test_pairs_in_every_phase_within_capacity(demo: Path) -> None:
    with open_database(demo) as db, db.session() as session:
        pairs = session.scalars(select(Match)).all()
        assert 130 <= len(pairs) <= 150
        assert {p.phase for p in pairs if p.status == "active"} == {1, 2, 3, 4}
        assert {p.status for p in pairs} == {"active", "closed", "ended"}
        assert not [p for p in pairs if p.style == "flash" and p.phase == 3]
        load = Counter(p.mentor_id for p in pairs if p.status == "active")
        capacity = dict(session.execute(select(Participant.id, Participant.capacity)).all())
        assert all(load[mentor] <= capacity[mentor] for mentor in load)
        assert any(n > 1 for n in load.values())  # group mentoring exists
        assert all(p.mentor.role == "mentor" and p.mentee.role == "mentee" for p in pairs)
        assert all(p.termination_reason for p in pairs if p.status == "ended")


def test_cycle_meetings_agreements_and_evaluations_fit_together(demo: Path) -> None:
    with open_database(demo) as db, db.session() as session:
        for progress in session.scalars(select(PhaseProgress)):
            if progress.skipped:
                assert progress.phase == 3 and progress.match.style == "flash"
            ticks = session.scalars(select(ChecklistTick.item_key).where(ChecklistTick.phase_progress == progress))
            assert set(ticks) <= set(phase_keys(progress.phase))
        for agreement in session.scalars(select(Agreement)):
            assert 1 <= len(agreement.goals) <= 3
        for evaluation in session.scalars(select(Evaluation)):
            keys = {a.question_key for a in evaluation.answers}
            assert keys == set(question_keys(evaluation.instrument))
        assert session.scalar(select(EvaluationAnswer.id).limit(1)) is not None
        held = session.scalars(select(Meeting).where(Meeting.status == "held")).all()
        assert held and all(20 <= m.duration_minutes <= 60 and m.date <= TODAY for m in held)
        planned = session.scalars(select(Meeting).where(Meeting.status == "planned")).all()
        assert planned and all(m.date > TODAY for m in planned)


def test_demo_needs_two_people(tmp_path: Path, database) -> None:
    with pytest.raises(ValueError, match="at least 2"):
        create_demo_database(tmp_path / "x.sqlite", participants=1, seed=1)
    with pytest.raises(ValueError), database.session() as session:
        create_demo(session, participants=0)


def test_a_second_demo_in_the_same_file_gets_its_own_name(database) -> None:
    with database.session() as session:
        first = create_demo(session, participants=10, seed=1, today=TODAY).name
        second = create_demo(session, participants=10, seed=2, today=TODAY).name
    assert first != second


@pytest.fixture(params=ENGINES)
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A new, empty database: a file, or a database on the test server."""
    return engine_target(request, tmp_path, "stress.sqlite")


def test_stress_size_gives_about_five_thousand_pairs(empty: Path | str) -> None:
    create_demo_database(empty, participants=10_000, seed=1, today=TODAY)
    with open_database(empty) as db:
        (pairs,) = db.read().execute("SELECT count(*) FROM match").fetchone()
        (people,) = db.read().execute("SELECT count(*) FROM participant").fetchone()
    assert people == 10_000
    assert 4_500 <= pairs <= 5_000


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łucja", "lucja"),
        ("Şebnem", "sebnem"),
        ("Nguyễn", "nguyen"),
        ("Παπαδοπούλου", "papadopoulou"),
        ("O'Brien", "obrien"),
        ("van den Berg", "vandenberg"),
        ("Synnøve", "synnove"),
    ],
)
def test_email_names_are_ascii(name: str, expected: str) -> None:
    assert ascii_name(name) == expected
