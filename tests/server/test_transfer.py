"""Moving programmes between a coordinator's file and a server database (`server import`, `server export`)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.pgserver import ThrowawayServer
from tests.platforms import assert_private
from westem_desktop.cli import main
from westem_desktop.core.db import open_database, upgrade
from westem_desktop.core.models import Match, Participant, Programme
from westem_desktop.core.reports import programme_report
from westem_desktop.core.server.transfer import tables


def _engine(url: str):
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://"))


@pytest.fixture
def server_db(pg_server: ThrowawayServer):
    """The URL of a new database on the test server with the newest schema."""
    name = pg_server.create_database(f"move_{uuid.uuid4().hex[:10]}")
    engine = _engine(pg_server.url(name))
    upgrade(engine)
    engine.dispose()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    with pytest.MonkeyPatch.context() as monkeypatch:  # before the per-test folders: a folder of its own
        for kind in ("data", "config", "cache"):
            monkeypatch.setenv(f"WESTEM_DESKTOP_{kind.upper()}_DIR", str(folder / kind))
        assert main(["demo", "--db", str(path), "--participants", "80", "--seed", "5"]) == 0
    return path


def _reports(session) -> dict[str, dict]:
    names = session.execute(select(Programme.name, Programme.id)).all()
    return {name: programme_report(session, pid) for name, pid in names}


def _file_reports(path: Path) -> dict[str, dict]:
    with open_database(path) as db, db.reading() as session:
        return _reports(session)


def _server_reports(url: str) -> dict[str, dict]:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            from sqlalchemy.orm import Session

            return _reports(Session(bind=conn))
    finally:
        engine.dispose()


def _server_count(url: str, model) -> int:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def _copy_of(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite"
    source = sqlite3.connect(demo_file)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return copy


def test_every_table_of_the_models_is_moved_but_the_identity() -> None:
    from westem_desktop.core.models import Base

    assert {t.name for t in tables()} == set(Base.metadata.tables) - {"database_identity"}


def test_a_file_imported_into_a_server_gives_the_same_report(demo_file: Path, server_db: str, capsys) -> None:
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 0
    out = capsys.readouterr().out
    assert "Participants: 80 copied" in out
    assert "was copied" in out
    assert _server_reports(server_db) == _file_reports(demo_file)


def test_duplicates_are_refused_with_their_email_and_their_pairs(
    demo_file: Path, server_db: str, tmp_path: Path, capsys
) -> None:
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 0
    before = _server_count(server_db, Participant), _server_count(server_db, Match)
    # A second coordinator's file of the same programme: one of the same people, one new, and a pair of the two.
    second = _copy_of(demo_file, tmp_path)
    with open_database(second) as db, db.session() as session:
        pair = session.scalars(select(Match).order_by(Match.id)).first()
        kept = {pair.mentor_id, pair.mentee_id}
        for match in session.scalars(select(Match).where(Match.id != pair.id)):
            session.delete(match)
        session.flush()
        for person in session.scalars(select(Participant).where(Participant.id.not_in(kept))):
            session.delete(person)
        session.flush()
        mentor = session.get(Participant, pair.mentor_id)
        mentor.email = "new.mentor@example.org"
        mentee = session.get(Participant, pair.mentee_id)
        mentee_name, mentee_email, mentor_name = mentee.name, mentee.email, mentor.name
    capsys.readouterr()
    assert main(["server", "import", "--from", str(second), "--db", server_db]) == 2
    captured = capsys.readouterr()
    assert f"{mentee_name}: {mentee_email} is already registered in this programme" in captured.err
    assert f"the pair of {mentor_name} (mentor) and {mentee_name} (mentee): {mentee_name} was not copied" in (
        captured.err
    )
    assert "Participants: 1 copied, 1 not copied" in captured.out
    assert "was already there" in captured.out
    assert (_server_count(server_db, Participant), _server_count(server_db, Match)) == (before[0] + 1, before[1])


def test_importing_the_same_file_again_copies_nothing(demo_file: Path, server_db: str, capsys) -> None:
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 0
    capsys.readouterr()
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 1
    err = capsys.readouterr().err
    assert err.count("is already registered in this programme") == 80
    assert "Nothing was copied." in err
    assert _server_count(server_db, Participant) == 80


def test_nothing_is_copied_when_the_server_refuses_a_row(demo_file: Path, server_db: str, tmp_path: Path, capsys):
    # SQLite keeps a text in a number's column; PostgreSQL refuses it, late in the copy.
    broken = _copy_of(demo_file, tmp_path)
    with sqlite3.connect(broken) as conn:
        conn.execute("UPDATE participant SET year_of_study = 'many' WHERE id = (SELECT max(id) FROM participant)")
    assert main(["server", "import", "--from", str(broken), "--db", server_db]) == 1
    assert "The server refused the copy; nothing was copied: invalid input" in capsys.readouterr().err
    assert (_server_count(server_db, Programme), _server_count(server_db, Participant)) == (0, 0)


def test_an_uninitialised_database_is_refused(demo_file: Path, pg_server: ThrowawayServer, capsys) -> None:
    name = pg_server.create_database(f"move_{uuid.uuid4().hex[:10]}")
    try:
        assert main(["server", "import", "--from", str(demo_file), "--db", pg_server.url(name)]) == 1
        assert "has no WESTEM Desktop tables yet" in capsys.readouterr().err
    finally:
        pg_server.drop_database(name)


def test_a_programme_exported_from_a_server_opens_as_a_file_and_reports_the_same(
    demo_file: Path, server_db: str, tmp_path: Path, capsys
) -> None:
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 0
    (name,) = _file_reports(demo_file)
    out = tmp_path / "offline.sqlite"
    assert main(["server", "export", "--db", server_db, "--programme", name, "-o", str(out)]) == 0
    assert_private(out)
    assert [p.name for p in tmp_path.iterdir()] == ["offline.sqlite"]  # nothing left beside it
    assert _file_reports(out) == _file_reports(demo_file)
    capsys.readouterr()
    assert main(["report", "--db", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == _file_reports(demo_file)[name]


def test_export_refuses_an_existing_file_and_an_unknown_programme(
    demo_file: Path, server_db: str, tmp_path: Path, capsys
) -> None:
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 0
    (name,) = _file_reports(demo_file)
    existing = tmp_path / "mine.sqlite"
    existing.write_bytes(b"my own file")
    assert main(["server", "export", "--db", server_db, "--programme", name, "-o", str(existing)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == b"my own file"
    out = tmp_path / "other.sqlite"
    assert main(["server", "export", "--db", server_db, "--programme", "No such thing", "-o", str(out)]) == 1
    assert "There is no programme called “No such thing”" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite"]


def test_a_refused_password_is_said_without_repeating_it(demo_file: Path, pg_server: ThrowawayServer, capsys) -> None:
    url = pg_server.tcp_url("postgres", password="wrong")
    assert main(["server", "import", "--from", str(demo_file), "--db", url]) == 1
    err = capsys.readouterr().err
    assert "The server refused the user or the password" in err
    assert "wrong" not in err


def test_the_schema_revision_of_the_server_must_be_the_newest(demo_file: Path, server_db: str, capsys) -> None:
    engine = _engine(server_db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    engine.dispose()
    assert main(["server", "import", "--from", str(demo_file), "--db", server_db]) == 1
    assert "an older schema (revision 0004)" in capsys.readouterr().err
    assert _server_count(server_db, Programme) == 0


def test_a_text_the_server_cannot_store_refuses_its_row_by_name(
    demo_file: Path, server_db: str, tmp_path: Path, capsys
) -> None:
    """A file saved before texts were checked may hold one longer than its column or with a null character:
    the server refuses those rows with the reason and copies the others, never a driver's error."""
    copy = _copy_of(demo_file, tmp_path)
    with sqlite3.connect(copy) as conn:
        (long_id, long_name), (nul_id, nul_name) = conn.execute(
            "SELECT id, name FROM participant ORDER BY id LIMIT 2"
        ).fetchall()
        conn.execute("UPDATE participant SET study_programme = ? WHERE id = ?", ("Werktuigbouwkunde " * 20, long_id))
        conn.execute("UPDATE participant SET notes = ? WHERE id = ?", ("zie\x00bijlage", nul_id))
    capsys.readouterr()
    assert main(["server", "import", "--from", str(copy), "--db", server_db]) == 2
    captured = capsys.readouterr()
    assert f"{long_name}: study_programme: “Werktuigbouwkunde" in captured.err and "is too long: 200" in captured.err
    assert f"{nul_name}: notes: “zie\\x00bijlage” contains a null character" in captured.err
    assert "Traceback" not in captured.err and "psycopg" not in captured.err
    assert "Participants: 78 copied, 2 not copied" in captured.out
    assert _server_count(server_db, Participant) == 78
