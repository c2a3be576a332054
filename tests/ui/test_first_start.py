"""The very first start: an empty database offers to create a programme or open the demo."""

from __future__ import annotations

from westem_desktop.ui.app import first_start
from westem_desktop.ui.dialogs.first_start import FirstStartChoice, FirstStartDialog
from westem_desktop.ui.dialogs.programme_dialog import ProgrammeDialog


def _answer(monkeypatch, choice: FirstStartChoice) -> list[bool]:
    shown = []

    def exec_(dialog: FirstStartDialog) -> int:
        shown.append(True)
        {
            FirstStartChoice.CREATE: dialog.create_button,
            FirstStartChoice.DEMO: dialog.demo_button,
            FirstStartChoice.LATER: dialog.later_button,
        }[choice].click()
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", exec_)
    return shown


def test_demo_choice_opens_a_demo_programme(make_window, monkeypatch) -> None:
    window = make_window()
    shown = _answer(monkeypatch, FirstStartChoice.DEMO)
    first_start(window)
    assert shown == [True]
    assert window.programme_combo.count() == 1
    assert window.programme_combo.currentText().startswith("Demo")
    assert window.overview.mentors > 0 and window.overview.active_pairs > 0


def test_create_choice_opens_the_programme_dialog(make_window, monkeypatch) -> None:
    window = make_window()
    _answer(monkeypatch, FirstStartChoice.CREATE)
    opened = []

    def exec_(dialog: ProgrammeDialog) -> int:
        opened.append(dialog.windowTitle())
        dialog.name.setText("Our first cohort")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgrammeDialog, "exec", exec_)
    first_start(window)
    assert opened == ["New programme"]
    assert window.programme_combo.currentText() == "Our first cohort"


def test_later_leaves_the_database_empty(make_window, monkeypatch) -> None:
    window = make_window()
    _answer(monkeypatch, FirstStartChoice.LATER)
    first_start(window)
    assert window.programme_combo.count() == 0


def test_no_welcome_when_a_programme_exists(make_window, monkeypatch) -> None:
    from westem_desktop.core import programmes

    window = make_window()
    with window.db.session() as session:
        programmes.create_programme(session, programmes.ProgrammeSettings(name="Existing"))
    window.load_programmes()
    shown = _answer(monkeypatch, FirstStartChoice.DEMO)
    first_start(window)
    assert shown == []
