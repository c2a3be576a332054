"""The import dialog reads and checks the file in a background thread (issue 16, item 11): the window keeps
turning while a file is read, a named pipe is refused at once instead of freezing it, and a file beyond the
import's limits is refused with its reason."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from tests.platforms import not_on_windows
from westem_desktop.ui.dialogs import import_dialog
from westem_desktop.ui.dialogs.import_dialog import ImportDialog


def test_the_dialog_keeps_turning_while_the_file_is_read(window, tmp_path: Path, qtbot, monkeypatch) -> None:
    """The reading waits until a timer of the GUI thread lets it go on: were it read in the GUI thread,
    the timer could never fire and the file would never be read."""
    path = tmp_path / "anmalan.csv"
    path.write_text("Namn;E-post;Roll\nAstrid;astrid@uu.se;mentor\n", encoding="utf-8")
    gate, real = threading.Event(), import_dialog.read_table

    def read_when_let(source: Path, progress):
        progress(2_000)
        if not gate.wait(20):
            raise RuntimeError("the GUI thread never let the reading go on")
        return real(source, progress)

    monkeypatch.setattr(import_dialog, "read_table", read_when_let)
    dialog = ImportDialog(window.actions, window.programme_id, window, path)
    dialog.show()
    assert dialog.reading and not dialog.import_button.isEnabled()
    assert dialog.file_label.text() == "Reading anmalan.csv…" and dialog.read_progress.isVisible()
    qtbot.waitUntil(lambda: dialog.read_progress.format() == "2000 rows read…")  # news from the thread
    with qtbot.waitSignal(dialog.tableLoaded, timeout=20_000) as loaded:
        QTimer.singleShot(10, gate.set)
    assert loaded.args == [True]
    assert dialog.file_label.text() == "anmalan.csv: 1 row" and not dialog.read_progress.isVisible()
    assert [combo.currentData() for combo in dialog.combos] == ["name", "email", "role"]
    assert dialog.import_button.isEnabled()


@not_on_windows("named pipes in a folder (os.mkfifo) are POSIX's")
def test_a_named_pipe_chosen_in_the_dialog_is_refused_at_once(window, tmp_path: Path, qtbot) -> None:
    pipe = tmp_path / "participants.csv"
    os.mkfifo(pipe)  # nobody writes to it: opening it to read would wait for ever
    dialog = ImportDialog(window.actions, window.programme_id, window)
    with qtbot.waitSignal(dialog.tableLoaded, timeout=10_000) as loaded:
        dialog.load(pipe)
    assert loaded.args == [False]
    assert dialog.file_label.text() == (
        "participants.csv could not be read: participants.csv is a folder, a device or a pipe, "
        "not a spreadsheet file; choose a CSV or XLSX file."
    )
    assert not dialog.import_button.isEnabled()


def test_a_file_beyond_the_limits_is_refused_in_the_dialog(window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("Name,E-mail\nAsa,a@uu.se" + ",x" * 250 + "\n", encoding="utf-8")
    dialog = ImportDialog(window.actions, window.programme_id, window)
    with qtbot.waitSignal(dialog.tableLoaded, timeout=10_000):
        dialog.load(path)
    assert dialog.file_label.text().endswith("Row 2 has more than 200 columns; at most 200 can be imported.")
    assert dialog.table is None and dialog.preview.columnCount() == 0 and not dialog.import_button.isEnabled()


def test_the_file_chosen_last_is_the_one_shown(window, tmp_path: Path, qtbot, monkeypatch) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("Name,E-mail\nAsa,a@uu.se\n", encoding="utf-8")
    second.write_text("Name,E-mail\nBo,b@uu.se\nCi,c@uu.se\n", encoding="utf-8")
    gate, real = threading.Event(), import_dialog.read_table

    def slow_first(source: Path, progress):
        if source == first:
            gate.wait(20)
        return real(source, progress)

    monkeypatch.setattr(import_dialog, "read_table", slow_first)
    dialog = ImportDialog(window.actions, window.programme_id, window, first)
    with qtbot.waitSignal(dialog.tableLoaded, timeout=10_000):
        dialog.load(second)
    with qtbot.waitSignal(dialog._reading.finished, timeout=10_000) as late:
        gate.set()
    assert late.args[1].headers == ["Name", "E-mail"]  # the first file's table arrived, and was dropped
    assert dialog.file_label.text() == "second.csv: 2 rows"
    assert [cells[0] for _n, cells in dialog.table.rows] == ["Bo", "Ci"]
