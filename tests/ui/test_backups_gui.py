"""Backups from the window: the check and backup at opening, a damaged file, restoring from the list."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from westem_desktop.core import programmes
from westem_desktop.core.backup import list_backups, take_backup
from westem_desktop.core.demo import create_demo
from westem_desktop.ui.dialogs.restore_dialog import RestoreDialog


def test_opening_checks_and_backs_up(make_window) -> None:
    window = make_window()
    window.start_maintenance().join(timeout=30)
    [backup] = list_backups(window.db.path)
    assert "-auto-" in backup.path.name and backup.programmes == 0


def test_restore_from_the_list_keeps_the_current_file(make_window, monkeypatch) -> None:
    window = make_window()
    take_backup(window.db.path)
    with window.db.session() as session:
        programmes.create_programme(session, programmes.ProgrammeSettings(name="After the backup"))
    window.load_programmes()
    assert window.programme_combo.count() == 1

    def choose_first(dialog: RestoreDialog) -> int:
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "0"
        dialog.accept()
        return 1

    monkeypatch.setattr(RestoreDialog, "exec", choose_first)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.restore_backup()
    assert window.programme_combo.count() == 0  # the backup's state
    saved = [b for b in list_backups(window.db.path) if "before-restore" in b.path.name]
    assert saved and saved[0].programmes == 1  # the state before restoring is kept


def test_the_restore_list_speaks_the_interface_language(make_window, switcher) -> None:
    window = make_window()
    with window.db.session() as session:
        create_demo(session, participants=300, seed=2)
    take_backup(window.db.path, now=dt.datetime(2026, 3, 7, 14, 5))
    switcher.apply("nl")
    dialog = RestoreDialog(window.db.path, None, window)
    assert dialog.windowTitle() == "Reservekopie terugzetten"  # the glossary: reservekopie
    assert dialog.table.item(0, 0).text() == "7 mrt 2026 14:05"  # the medium date of every list
    assert re.fullmatch(r"\d+,\d MB", dialog.table.item(0, 1).text())  # a decimal comma in Dutch
    assert dialog.table.item(0, 3).text() == "300"


def test_a_damaged_database_offers_the_newest_good_backup(make_window, monkeypatch) -> None:
    window = make_window()
    with window.db.session() as session:
        programmes.create_programme(session, programmes.ProgrammeSettings(name="Kept in the backup"))
    take_backup(window.db.path)
    path: Path = window.db.path
    window.db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 7] = b"\xff" * 4096 * 4
    path.write_bytes(bytes(data))
    from westem_desktop.core.db import Database

    window.actions.bind(Database(path, None))  # the damage is found by the check, not at opening
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    from westem_desktop.ui.maintenance import Maintenance

    reason = Maintenance(path, None).run()
    assert reason is not None
    window.maintenance_done(reason)
    assert asked and "is damaged" in asked[0] and "kept aside" in asked[0]
    assert window.programme_combo.currentText() == "Kept in the backup"
    assert list(path.parent.glob("test-damaged-*.sqlite"))


def test_with_no_backup_there_is_nothing_to_restore(make_window) -> None:
    """The restore list names its button by the verb, and offers it only when there is a backup."""
    window = make_window()
    empty = RestoreDialog(window.db.path, window.db.path.parent / "no backups here", window)
    assert empty.table.rowCount() == 0 and not empty.restore_button.isEnabled()
    take_backup(window.db.path)
    dialog = RestoreDialog(window.db.path, None, window)
    assert dialog.restore_button.isEnabled() and dialog.restore_button.text() == "&Restore the backup"
