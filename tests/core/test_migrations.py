"""Every schema revision has a fixture database, and each one upgrades to the newest without loss."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Boolean, MetaData, create_engine, inspect, select
from sqlalchemy.types import JSON

from westem_desktop.core import migrations
from westem_desktop.core.db import open_database, upgrade
from westem_desktop.core.models import AgreementGoal, Base, Match, Meeting, Participant

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def alembic_history() -> list[str]:
    config = Config()
    config.set_main_option("script_location", migrations.SCRIPT_LOCATION)
    return [rev.revision for rev in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


def schema_differences(db) -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True, "compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_the_revision_list_is_alembics_history() -> None:
    assert list(migrations.REVISIONS) == alembic_history()


def test_every_revision_has_a_fixture_database() -> None:
    missing = [rev for rev in alembic_history() if not (FIXTURES / f"{rev}.sqlite").is_file()]
    assert missing == [], f"make them: python tests/fixtures/schemas/make_fixtures.py {' '.join(missing)}"


def test_a_new_database_matches_the_models(tmp_path: Path) -> None:
    with open_database(tmp_path / "new.sqlite") as db:
        assert schema_differences(db) == []


@pytest.mark.parametrize("revision", migrations.REVISIONS)
def test_fixture_upgrades_to_the_newest_schema_without_loss(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / f"{revision}.sqlite", path)
    with open_database(path, backup_dir=tmp_path / "backups") as db:
        assert db.migrated_from == revision
        if revision == migrations.HEAD:
            assert db.backup_path is None
        else:
            # The copy taken before the upgrade is a readable database at the old revision.
            assert db.backup_path is not None and db.backup_path.parent == tmp_path / "backups"
            backup = sqlite3.connect(db.backup_path)
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
            assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            backup.close()
        assert schema_differences(db) == []
        with db.session() as session:
            names = session.scalars(select(Participant.name).order_by(Participant.id)).all()
            assert names == ["Łucja Wróblewska", "Şebnem Yılmaz"]
            match = session.scalars(select(Match)).one()
            assert (match.mentor.name, match.mentee.name, match.phase) == ("Łucja Wróblewska", "Şebnem Yılmaz", 2)
            assert session.scalars(select(Meeting.duration_minutes)).all() == [45]
            goals = session.scalars(select(AgreementGoal.goal)).all()
            assert goals == (["Pass the first-year mathematics courses"] if revision >= "0002" else [])
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (migrations.HEAD,)


def columns_of(engine) -> dict[str, set[str]]:
    inspector = inspect(engine)
    return {table: {c["name"] for c in inspector.get_columns(table)} for table in inspector.get_table_names()}


def copy_rows(source: Path, engine) -> None:
    """Every row of the SQLite file ``source`` into the same tables of ``engine`` (at the same revision)."""
    from westem_desktop.core.server.engine import advance_sequences

    metadata = MetaData()
    metadata.reflect(engine)
    conn = sqlite3.connect(source)
    conn.row_factory = sqlite3.Row
    with engine.begin() as target:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row) for row in conn.execute(f'SELECT * FROM "{table.name}"')]
            for row in rows:
                for column in table.columns:
                    if isinstance(column.type, JSON) and isinstance(row.get(column.name), str):
                        row[column.name] = json.loads(row[column.name])
                    elif isinstance(column.type, Boolean) and row.get(column.name) is not None:
                        row[column.name] = bool(row[column.name])
            if rows:
                target.execute(table.delete())  # the file's own rows (its identity) rather than the migration's
                target.execute(table.insert(), rows)
        advance_sequences(target, [t.name for t in metadata.sorted_tables if "id" in t.columns])
    conn.close()


@pytest.mark.parametrize("revision", migrations.REVISIONS)
def test_a_server_database_upgrades_from_each_revision_like_a_file(pg_server, tmp_path: Path, revision: str) -> None:
    """On PostgreSQL: the schema at ``revision`` with the fixture's rows, migrated to the newest, has the
    tables and columns of a file at the newest, matches the models, and keeps the rows."""
    name = f"migrate_{revision}"
    pg_server.drop_database(name)
    pg_server.create_database(name)
    engine = create_engine(pg_server.url(name).replace("postgresql://", "postgresql+psycopg://"))
    try:
        upgrade(engine, revision)
        copy_rows(FIXTURES / f"{revision}.sqlite", engine)
        upgrade(engine)
        with open_database(tmp_path / "head.sqlite") as file:
            assert columns_of(engine) == columns_of(file.engine)
    finally:
        engine.dispose()
    with open_database(pg_server.url(name)) as db:
        assert schema_differences(db) == []
        with db.session() as session:
            names = session.scalars(select(Participant.name).order_by(Participant.id)).all()
            assert names == ["Łucja Wróblewska", "Şebnem Yılmaz"]
            match = session.scalars(select(Match)).one()
            assert (match.mentor.name, match.mentee.name, match.phase) == ("Łucja Wróblewska", "Şebnem Yılmaz", 2)
            assert session.scalars(select(Meeting.duration_minutes)).all() == [45]
            goals = session.scalars(select(AgreementGoal.goal)).all()
            assert goals == (["Pass the first-year mathematics courses"] if revision >= "0002" else [])
    pg_server.drop_database(name)
