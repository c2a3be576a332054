"""Unexpected errors: a dialog with copyable details, the log file without personal data, data unchanged."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from tests.platforms import assert_private
from westem_desktop import paths
from westem_desktop.ui import errors


def test_an_error_is_shown_logged_without_personal_data_and_copied(qtbot, monkeypatch) -> None:
    handler = errors.setup_logging()
    shown = {}

    def exec_(box: QMessageBox) -> int:
        shown["title"] = box.windowTitle()
        shown["details"] = box.detailedText()
        copy = next(b for b in box.buttons() if b.text() == "Copy the details")
        copy.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    try:
        raise ValueError("Łucja Wróblewska <lucja@uu.se> could not be saved")
    except ValueError as exc:
        errors.show_error_dialog(type(exc), exc, exc.__traceback__)
    handler.flush()
    errors.log.removeHandler(handler)
    handler.close()
    assert shown["title"] == "Something went wrong"
    assert "lucja@uu.se" in shown["details"]  # the coordinator sees everything on her own screen
    assert QApplication.clipboard().text() == shown["details"]
    log_file = paths.data_dir() / "westem-desktop.log"
    text = log_file.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text and "test_errors.py" in text
    assert "lucja" not in text and "Łucja" not in text  # no personal data in the log
    assert_private(log_file)
    logging.getLogger("westem_desktop").handlers.clear()


def test_the_hook_keeps_the_application_running(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(errors, "show_error_dialog", lambda *a: calls.append(a[0]))
    monkeypatch.setattr("sys.excepthook", lambda *a: None)
    errors.install_excepthook()
    import sys

    sys.excepthook(RuntimeError, RuntimeError("boom"), None)
    assert calls == [RuntimeError]


@pytest.mark.qt_no_exception_capture
def test_a_failing_action_in_the_window_shows_the_dialog_and_changes_nothing(make_window, monkeypatch, qtbot) -> None:
    """A delete that fails half-way (after the rows went) leaves every participant in place, and the
    window goes on working."""
    from westem_desktop.core import participants as people
    from westem_desktop.core.demo import create_demo
    from westem_desktop.core.models import Match, Participant

    window = make_window()
    with window.db.session() as session:
        programme_id = create_demo(session, participants=20, seed=3).id
        paired = {i for m in session.scalars(select(Match)) for i in (m.mentor_id, m.mentee_id)}
        unpaired = [p.id for p in session.scalars(select(Participant)) if p.id not in paired]
    window.load_programmes(programme_id)
    window.show()
    tab = window.pages[0]
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 20)
    real_delete = people.delete_participants

    def delete_then_fail(session, ids):
        real_delete(session, ids)
        session.flush()
        raise RuntimeError("the disk went away")

    shown: list[str] = []
    monkeypatch.setattr(people, "delete_participants", delete_then_fail)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.windowTitle()) or 0)
    monkeypatch.setattr(errors, "log", logging.getLogger("westem_desktop.test"))
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    errors.install_excepthook()
    tab._select(unpaired[:1])
    tab.delete_action.trigger()  # the slot raises; PySide hands the exception to sys.excepthook
    assert shown == ["Something went wrong"]
    with window.db.session() as session:
        assert people.count_participants(session, programme_id) == 20
    monkeypatch.setattr(people, "delete_participants", real_delete)
    tab.delete_action.trigger()  # the window still works
    with window.db.session() as session:
        assert people.count_participants(session, programme_id) == 19
