"""Migration 0006 (row versions, and on a server the trigger that announces writes) on PostgreSQL: up from
0005 with rows in it, and back down."""

from __future__ import annotations

from sqlalchemy import create_engine

from tests.coordinators import engine_url
from westem_desktop.core.db import upgrade

TRIGGERS = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'westem_announce_%'"


def test_0006_upgrades_a_server_database_with_rows_and_goes_back(pg_server) -> None:
    from alembic import command
    from alembic.config import Config

    from westem_desktop.core import migrations

    pg_server.create_database("migrate_0006")
    engine = create_engine(engine_url(pg_server.url("migrate_0006")))
    try:
        upgrade(engine, "0005")
        with pg_server.admin("migrate_0006") as conn:
            conn.execute(
                "INSERT INTO programme (name, institution, default_style, format, mode, formal, structured,"
                " organisation, matching_mode, expected_hours_per_month, coordinator_name,"
                " coordinator_title, coordinator_signs_agreement, document_language, attention_weeks,"
                " matching_weights, created_at) VALUES ('P', '', 'traditional', 'one_to_one', 'hybrid',"
                " false, true, 'central', 'preselection', 1, '', '', false, 'sv', 4, '{}', now())"
            )
        upgrade(engine, "0006")
        with pg_server.admin("migrate_0006") as conn:
            assert conn.execute("SELECT name, row_version, changed_by FROM programme").fetchall() == [("P", 1, "")]
            assert conn.execute(TRIGGERS).fetchone() == (13,)
            with conn.cursor() as cur:
                cur.execute("LISTEN westem_changes")
                cur.execute("UPDATE programme SET institution = 'Faculty of Science'")
                notes = list(conn.notifies(timeout=2, stop_after=1))
            assert [n.payload for n in notes] == ["programme:1"]
        config = Config()
        config.set_main_option("script_location", migrations.SCRIPT_LOCATION)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
        with pg_server.admin("migrate_0006") as conn:
            assert conn.execute(TRIGGERS).fetchone() == (0,)
            columns = conn.execute(
                "SELECT count(*) FROM information_schema.columns WHERE column_name = 'row_version'"
            ).fetchone()
            assert columns == (0,)
    finally:
        engine.dispose()
        pg_server.drop_database("migrate_0006")
