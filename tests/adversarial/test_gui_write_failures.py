"""The window meets a full disk like the command line does: one translated sentence that names the file,
no partial file, no "unexpected error" with details. A full disk is a real limit on the size of the files
this process may write (RLIMIT_FSIZE, with SIGXFSZ ignored so that the write fails with EFBIG)."""

from __future__ import annotations

import contextlib
import errno
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platforms import FULL_DISK, not_on_windows
from westem_desktop.cli import main


@contextlib.contextmanager
def small_disk() -> Iterator[None]:
    import resource  # POSIX's

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "test.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "12"]) == 0
    return path


def warnings(monkeypatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    return shown


@not_on_windows(FULL_DISK)
def test_exporting_participants_onto_a_full_disk_says_so_in_swedish(
    demo: Path, tmp_path: Path, qapp, qtbot, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from westem_desktop.core.db import open_database
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.language import LanguageSwitcher
    from westem_desktop.ui.main_window import MainWindow

    switcher = LanguageSwitcher(qapp)
    switcher.apply("sv")
    window = MainWindow(open_database(demo), Settings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    shown = warnings(monkeypatch)
    target = tmp_path / "out" / "deltagare.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    try:
        with small_disk():
            window.pages[0].export_participants()
    finally:
        switcher.apply("en")
        window.db.close()

    assert shown == [
        f"Det finns inte tillräckligt med utrymme på disken för {target}; ingenting skrevs. "
        "Frigör utrymme och försök igen."
    ]
    assert list(target.parent.iterdir()) == []  # no partial file


@not_on_windows(FULL_DISK)
def test_saving_a_document_onto_a_full_disk_leaves_no_half_pdf(tmp_path: Path) -> None:
    from westem_desktop.core.io.files import write_private

    target = tmp_path / "agreement.pdf"
    with small_disk(), pytest.raises(OSError) as raised:
        write_private(target, b"%PDF-1.4\n" + b"x" * 10_000)
    assert raised.value.errno == errno.EFBIG and raised.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_an_error_no_handler_caught_is_explained_not_shown_as_a_crash(qapp, monkeypatch) -> None:
    from westem_desktop.ui.errors import show_error_dialog

    shown = warnings(monkeypatch)
    error = PermissionError(errno.EACCES, "Permission denied", "/srv/share/report.pdf")
    show_error_dialog(PermissionError, error, None)
    assert shown == [
        "/srv/share/report.pdf may not be written or read (permission denied); nothing was changed. "
        "Choose another folder."
    ]
