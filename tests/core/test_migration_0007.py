"""Migration 0007 (the letters' texts and the coordinator's address): up from 0006 with a programme in it and
back down, on a file and on PostgreSQL, where writes to the new table are announced like the others'."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.coordinators import engine_url
from westem_desktop.core.db import make_engine, upgrade

PROGRAMME = (
    "INSERT INTO programme (name, institution, default_style, format, mode, formal, structured, organisation,"
    " matching_mode, expected_hours_per_month, coordinator_name, coordinator_title, coordinator_signs_agreement,"
    " document_language, attention_weeks, matching_weights, created_at) VALUES ('P', '', 'traditional',"
    " 'one_to_one', 'hybrid', false, true, 'central', 'preselection', 1, 'Karin', '', false, 'sv', 4, '{}',"
    " CURRENT_TIMESTAMP)"
)
LETTER = (
    "INSERT INTO letter_template (programme_id, kind, language, subject, body) "
    "VALUES (1, 'thanks', 'sv', 'Tack', 'Tack, {first_name}!')"
)


def downgrade(engine, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    from westem_desktop.core import migrations

    config = Config()
    config.set_main_option("script_location", migrations.SCRIPT_LOCATION)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_0007_upgrades_a_file_with_a_programme_and_goes_back(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(path)
    try:
        upgrade(engine, "0006")
        with sqlite3.connect(path) as conn:
            conn.execute(PROGRAMME)
        upgrade(engine, "0007")
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT name, coordinator_email FROM programme").fetchall() == [("P", "")]
            conn.execute(LETTER)
            assert conn.execute("SELECT kind, row_version, changed_by FROM letter_template").fetchall() == [
                ("thanks", 1, "")
            ]
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(LETTER)  # one text per programme, kind and language
        downgrade(engine, "0006")
        with sqlite3.connect(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert "letter_template" not in tables
            columns = {row[1] for row in conn.execute("PRAGMA table_info(programme)")}
            assert "coordinator_email" not in columns and "coordinator_name" in columns
            assert conn.execute("SELECT name FROM programme").fetchall() == [("P",)]
    finally:
        engine.dispose()


def test_0007_upgrades_a_server_database_and_goes_back(pg_server) -> None:
    pg_server.drop_database("migrate_0007")
    pg_server.create_database("migrate_0007")
    engine = create_engine(engine_url(pg_server.url("migrate_0007")))
    try:
        upgrade(engine, "0006")
        with pg_server.admin("migrate_0007") as conn:
            conn.execute(PROGRAMME)
        upgrade(engine, "0007")
        with pg_server.admin("migrate_0007") as conn:
            assert conn.execute("SELECT name, coordinator_email FROM programme").fetchall() == [("P", "")]
            with conn.cursor() as cur:
                cur.execute("LISTEN westem_changes")
                cur.execute(LETTER)
                notes = list(conn.notifies(timeout=2, stop_after=1))
            assert [n.payload for n in notes] == ["letter_template:1"]
            conn.execute("DELETE FROM programme")  # its letters go with it
            assert conn.execute("SELECT count(*) FROM letter_template").fetchone() == (0,)
        downgrade(engine, "0006")
        with pg_server.admin("migrate_0007") as conn:
            assert conn.execute("SELECT to_regclass('letter_template')").fetchone() == (None,)
            column = conn.execute(
                "SELECT count(*) FROM information_schema.columns WHERE column_name = 'coordinator_email'"
            ).fetchone()
            assert column == (0,)
    finally:
        engine.dispose()
        pg_server.drop_database("migrate_0007")
