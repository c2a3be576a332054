"""Fixtures for the GUI tests: a main window over a temporary database, and the language switcher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from westem_desktop.core.db import open_database
from westem_desktop.core.settings import Settings


@pytest.fixture(scope="session", autouse=True)
def focus_style(qapp) -> None:
    """The application's style, as ``create_application`` installs it (the focus on a default button seen)."""
    from westem_desktop.ui.widgets.focus import install_focus_style

    install_focus_style(qapp)


@pytest.fixture
def switcher(qapp) -> Iterator[object]:
    from westem_desktop.ui.language import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    yield switcher
    switcher.apply("en")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


@pytest.fixture
def make_window(qtbot, tmp_path: Path, settings: Settings):
    """Build a main window over ``tmp_path/test.sqlite`` (or another path); closed by qtbot."""
    from westem_desktop.ui.main_window import MainWindow

    windows = []

    def make(path: Path | None = None) -> MainWindow:
        db = open_database(path or tmp_path / "test.sqlite")
        window = MainWindow(db, settings)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.db.close()


@pytest.fixture
def window(make_window):
    """The main window shown over one empty programme, "ICT 2026/27" (test modules that need more
    define their own ``window``)."""
    from westem_desktop.core import programmes

    window = make_window()
    with window.db.session() as session:
        pid = programmes.create_programme(session, programmes.ProgrammeSettings(name="ICT 2026/27")).id
    window.load_programmes(pid)
    window.show()
    return window


@pytest.fixture(autouse=True)
def keys_released(qapp) -> Iterator[None]:
    """A test ends with no modifier key held: QTest's Ctrl+key on a shortcut that moves the focus
    (Ctrl+F) leaves Qt believing Ctrl is still down, and the next test's selectRow would then toggle."""
    yield
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    held = QApplication.keyboardModifiers()
    if held == Qt.KeyboardModifier.NoModifier:
        return
    receiver = QWidget()
    for modifier, key in (
        (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
        (Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
        (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
        (Qt.KeyboardModifier.MetaModifier, Qt.Key.Key_Meta),
    ):
        if held & modifier:
            QTest.keyRelease(receiver, key)
    receiver.deleteLater()
