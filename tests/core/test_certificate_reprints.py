"""Certificates issued before migration 0005 keep their figures and have no reprints."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from westem_desktop.core.db import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def test_a_certificate_issued_before_0005_has_no_reprints(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "0004.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO certificate (match_id, participant_id, role, issued_on, language, meetings_held,"
            " minutes_total, created_at) VALUES (1, 2, 'mentee', '2026-01-31', 'sv', 1, 45, '2026-01-31 10:00:00')"
        )
    with open_database(path, backup_dir=tmp_path / "backups") as db:
        assert db.migrated_from == "0004"
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT issued_on, meetings_held, minutes_total, reprints, reprinted_on FROM certificate"
        ).fetchone()
    assert row == ("2026-01-31", 1, 45, 0, None)


def test_the_0005_fixture_keeps_its_reprint(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite"
    shutil.copyfile(FIXTURES / "0005.sqlite", path)
    with open_database(path, backup_dir=tmp_path / "backups"):
        pass
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT reprints, reprinted_on FROM certificate").fetchone() == (1, "2026-02-03")
