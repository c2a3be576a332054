"""Opening files from the window: a refused file says why and changes nothing; the current one stays."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from westem_desktop.core import migrations
from westem_desktop.core.db import open_database
from westem_desktop.core.settings import Settings
from westem_desktop.core.settings import interface_language as choose_language
from westem_desktop.ui.app import open_with_dialogs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def newer_database(path: Path) -> Path:
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    return path


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    shown: list[str] = []

    def record(parent, title: str, text: str, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def test_switching_to_a_newer_database_is_refused_and_the_current_stays(make_window, tmp_path, warnings) -> None:
    window = make_window()
    current = window.db.path
    newer = newer_database(tmp_path / "newer.sqlite")
    before = newer.read_bytes()
    assert window.switch_database(newer) is False
    assert len(warnings) == 1 and "newer version of WESTEM Desktop" in warnings[0]
    assert window.db.path == current
    assert newer.read_bytes() == before


def test_switching_to_an_older_database_migrates_it(make_window, tmp_path, warnings) -> None:
    window = make_window()
    old = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / f"{migrations.REVISIONS[0]}.sqlite", old)
    assert window.switch_database(old) is True
    assert warnings == []
    assert window.db.path == old
    assert window.programme_combo.currentText() == "Fixture programme"
    assert window.overview.mentors == 1 and window.overview.mentees == 1
    assert list((tmp_path / "backups").glob("old-before-upgrade-*.sqlite"))


def test_a_locked_database_at_start_says_who_holds_it(qtbot, tmp_path, monkeypatch) -> None:
    path = tmp_path / "shared.sqlite"
    holder = open_database(path)
    messages: list[str] = []

    def exec_(box: QMessageBox) -> int:
        messages.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: None)  # the coordinator closes it
    try:
        assert open_with_dialogs(path) is None
    finally:
        holder.close()
    assert len(messages) == 1 and "already open" in messages[0] and "pid" in messages[0]


def test_a_refused_file_at_start_lets_the_coordinator_pick_another(qtbot, tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_text("not a database")
    good = tmp_path / "good.sqlite"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])  # "Open another database…"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    database = open_with_dialogs(broken)
    assert database is not None and database.path == good
    database.close()
    assert broken.read_text() == "not a database"


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_a_damaged_file_at_start_offers_the_newest_good_backup(qtbot, tmp_path, monkeypatch, damage) -> None:
    from westem_desktop.core import programmes
    from westem_desktop.core.backup import take_backup

    path = tmp_path / "westem.sqlite"
    with open_database(path) as db, db.session() as session:
        programmes.create_programme(session, programmes.ProgrammeSettings(name="Kept in the backup"))
    take_backup(path)
    data = path.read_bytes()
    path.write_bytes(data[:1000] if damage == "truncated" else b"\0" * len(data))
    damaged = path.read_bytes()
    offered: list[str] = []

    def exec_(box: QMessageBox) -> int:
        offered.extend(b.text() for b in box.buttons())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])  # "Restore the backup of …"
    database = open_with_dialogs(path)
    assert database is not None
    try:
        with database.session() as session:
            assert programmes.find_programme(session, None).name == "Kept in the backup"
    finally:
        database.close()
    assert offered[0].startswith("Restore the backup of ")
    [aside] = tmp_path.glob("westem-damaged-*.sqlite")
    assert aside.read_bytes() == damaged  # the damaged file is kept as it was


def test_first_language_follows_the_system_then_the_remembered_choice(tmp_path, monkeypatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    settings = Settings(tmp_path / "settings.json")
    assert choose_language(settings, None) == "nb"
    settings.set("language", "nl")
    assert choose_language(settings, None) == "nl"
    assert choose_language(settings, "sv") == "sv"
