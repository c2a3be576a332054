"""Exports read the database with a fixed number of statements, whatever the number of rows, and
write the same file as a plain pair-by-pair reading of the objects does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from westem_desktop.core.db import Database
from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import MatchStatus, Style
from westem_desktop.core.io.participant_export import export_participants
from westem_desktop.core.io.table_writer import write_table
from westem_desktop.core.labels import value_label
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.names import person_name
from westem_desktop.core.pairs import export_matches
from westem_desktop.i18n import _, pgettext

TODAY = dt.date(2026, 11, 22)


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    """The SQL statements run on ``db``'s engine inside the block."""
    statements: list[str] = []

    def before(_conn, _cursor, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


@pytest.fixture
def two_programmes(database: Database) -> Iterator[tuple[Database, int, int]]:
    """A small programme (30 people) and a larger one (300) in one database; in each an erased mentor and
    an erased mentee, whose pairs are exported under the placeholder name."""
    with database as db:
        with db.session() as session:
            small = create_demo(session, participants=30, seed=3, today=TODAY, name="Small").id
            large = create_demo(session, participants=300, seed=4, today=TODAY, name="Large").id
            for programme_id in (small, large):
                pair = session.scalars(select(Match).where(Match.programme_id == programme_id)).first()
                pair.mentor.erased_at = dt.datetime(2026, 11, 1, 12, 0)
                pair.mentee.erased_at = dt.datetime(2026, 11, 1, 12, 0)
        yield db, small, large


def reference_matches(session: Session, programme_id: int | None, path: Path) -> int:
    """The pairs as the export wrote them before it joined its tables: object by object."""
    headers = [
        _("Pair"),
        _("Mentor"),
        _("Mentee"),
        _("Status"),
        _("Style"),
        _("Phase"),
        _("Created"),
        _("Start"),
        _("Planned end"),
        pgettext("pair", "Closed"),
        pgettext("pair", "Ended"),
        _("Programme"),
    ]
    query = select(Match).order_by(Match.id)
    if programme_id is not None:
        query = query.where(Match.programme_id == programme_id)
    rows = [
        [
            m.id,
            person_name(m.mentor),
            person_name(m.mentee),
            value_label(MatchStatus, m.status),
            value_label(Style, m.style),
            m.phase,
            m.created_on,
            m.start_date,
            m.planned_end_date,
            m.closed_on,
            m.ended_on,
            m.programme.name,
        ]
        for m in session.scalars(query)
    ]
    return write_table(path, headers, rows, _("Pairs"))


def statements_of(db: Database, export: Callable[[Session], object]) -> int:
    with db.session() as session, counted(db) as statements:
        export(session)
    return len(statements)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_matches_reads_with_the_same_few_statements_for_30_and_300_people(
    two_programmes: tuple[Database, int, int], tmp_path: Path, suffix: str
) -> None:
    db, small, large = two_programmes
    counts = {
        programme: statements_of(db, lambda s, p=programme: export_matches(s, p, tmp_path / f"m{p}.{suffix}"))
        for programme in (small, large)
    }
    with db.session() as session:
        assert session.query(Match).filter(Match.programme_id == large).count() >= 100
    assert counts[small] == counts[large] <= 3, counts


def test_export_participants_reads_with_the_same_few_statements_for_30_and_300_people(
    two_programmes: tuple[Database, int, int], tmp_path: Path
) -> None:
    db, small, large = two_programmes
    counts = {
        programme: statements_of(db, lambda s, p=programme: export_participants(s, p, tmp_path / f"p{p}.csv"))
        for programme in (small, large)
    }
    with db.session() as session:
        assert session.query(Participant).filter(Participant.programme_id == large).count() == 300
    assert counts[small] == counts[large] <= 3, counts


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("which", ["small", "large", "all"])
def test_export_matches_writes_the_same_bytes_as_reading_pair_by_pair(
    two_programmes: tuple[Database, int, int], tmp_path: Path, which: str, language: str
) -> None:
    from westem_desktop import i18n

    i18n.set_language(language)
    db, small, large = two_programmes
    programme_id = {"small": small, "large": large, "all": None}[which]
    with db.session() as session:
        written = export_matches(session, programme_id, tmp_path / "joined.csv")
    with db.session() as session:
        expected = reference_matches(session, programme_id, tmp_path / "reference.csv")
    assert written == expected > 0
    joined = (tmp_path / "joined.csv").read_bytes()
    assert joined == (tmp_path / "reference.csv").read_bytes()
    erased = i18n._("Erased participant {id}").split("{")[0]
    assert joined.decode("utf-8-sig").count(erased) >= (4 if which == "all" else 2)
