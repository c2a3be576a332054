"""Every schema revision has a fixture database, and each one upgrades to the newest without loss."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from westem_desktop.core import migrations
from westem_desktop.core.db import open_database
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
