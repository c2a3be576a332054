"""Letters in the window (issue 22): introductions written from the Matches tab by keyboard alone and read
back as e-mail; the template editor refusing an unknown placeholder by name; the coordinator's address saved."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.test_keyboard_season import Key, MouseWatch, alt, modal, press, tab_to


@pytest.fixture
def demo_window(make_window):
    from westem_desktop.core.demo import create_demo

    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=40, seed=2, today=dt.date.today()).id
    window.load_programmes(pid)
    window.show()
    window.activateWindow()
    return window


def test_introductions_written_from_the_matches_tab_by_keyboard(demo_window, qtbot, monkeypatch, tmp_path) -> None:
    from westem_desktop.ui.dialogs.letters_dialog import LettersDialog

    window = demo_window
    watch = MouseWatch()
    QApplication.instance().installEventFilter(watch)
    folder = tmp_path / "drafts"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    matches = window.pages[1]
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert matches.mentees_model.rowCount() and matches.mentors_model.rowCount()
    assert not matches.letters_button.isVisible()  # offered once pairs are created

    # Pair a mentee with a mentor by hand: the arrows choose, Space on the pair button pairs.
    tab_to(matches.mentees_view)
    press(Key.Key_Down)
    tab_to(matches.mentors_view)
    press(Key.Key_Down)
    press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert matches.pair_button.hasFocus()
    press(Key.Key_Space)
    assert matches.letters_button.isVisible()

    seen: list[LettersDialog] = []

    def write(dialog: LettersDialog) -> None:
        seen.append(dialog)
        qtbot.waitUntil(lambda: not dialog.computing(), timeout=30000)
        assert dialog.list.rowCount() > 0 and dialog.subject.text()
        alt("w")  # Write drafts…: the folder chooser answers ``folder``
        assert "written to" in dialog.status.text() and str(folder) in dialog.status.text()
        press(Key.Key_Escape)

    monkeypatch.setattr(LettersDialog, "exec", modal(write, qtbot))
    tab_to(matches.letters_button)
    press(Key.Key_Space)
    assert seen, "the letters dialog did not open"
    QApplication.instance().removeEventFilter(watch)
    assert watch.events == 0

    written = sorted(folder.glob("*.eml"))
    assert len(written) == len(seen[0].drafts) > 0
    draft = seen[0].drafts[0]
    path = folder / f"{draft.file_stem}.eml"  # each draft in a file of its own name
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == draft.subject
    assert [a.display_name for a in message["To"].addresses] == [person.name for person in draft.to]
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # written with CRLF, as RFC 5322 asks
    assert body.strip() == draft.body.strip()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    attached = list(message.iter_attachments())  # the agreement to sign at the first meeting, as a PDF
    assert attached and all(part.get_content().startswith(b"%PDF") for part in attached)


def test_template_editor_refuses_an_unknown_placeholder_by_name(demo_window, qtbot) -> None:
    from westem_desktop.ui.dialogs.templates_dialog import TemplatesDialog

    window = demo_window
    dialog = TemplatesDialog(window.actions, window.programme_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    body = dialog.body.toPlainText()
    dialog.body.setPlainText(body + "\nSee you at {kickoff_party}.")
    dialog.accept()
    assert dialog.isVisible() and not dialog.saved  # refused: nothing saved, the dialog stays
    assert "{kickoff_party}" in dialog.error.text() and dialog.error.isVisible()
    assert dialog.focusWidget() is dialog.body and dialog.body.textCursor().selectedText() == "{kickoff_party}"
    # A known placeholder inserted at the cursor instead is saved.
    dialog.body.setPlainText(body + "\nYour coordinator: ")
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    dialog.body.setFocus()
    dialog.placeholders.setCurrentRow(
        next(i for i in range(dialog.placeholders.count()) if dialog.placeholders.item(i).text() == "{coordinator}")
    )
    dialog.insert_placeholder()
    assert dialog.body.toPlainText().endswith("Your coordinator: {coordinator}")
    dialog.accept()
    assert dialog.saved
    again = TemplatesDialog(window.actions, window.programme_id, window)
    qtbot.addWidget(again)
    assert again.body.toPlainText().endswith("{coordinator}") and "own text" in again.state.text()


def test_the_coordinators_address_is_saved(demo_window, monkeypatch) -> None:
    from westem_desktop.core.views.programmes import programme_settings
    from westem_desktop.ui.dialogs.programme_dialog import ProgrammeDialog

    def fill(dialog: ProgrammeDialog) -> int:
        assert dialog.templates_button.isVisibleTo(dialog)  # the letters of an existing programme
        dialog.coordinator_email.setText("karin.lindqvist@uni.example")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgrammeDialog, "exec", fill)
    demo_window.edit_programme()
    settings = programme_settings(demo_window.db, demo_window.programme_id)
    assert settings.coordinator_email == "karin.lindqvist@uni.example"


def test_the_template_editor_opens_in_the_programmes_document_language(demo_window, qtbot) -> None:
    from westem_desktop.core.letters.templates import Kind, default_template
    from westem_desktop.core.models import Programme
    from westem_desktop.ui.dialogs.templates_dialog import TemplatesDialog

    with demo_window.db.session() as session:
        session.get_one(Programme, demo_window.programme_id).document_language = "nl"
    dialog = TemplatesDialog(demo_window.actions, demo_window.programme_id, demo_window)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "nl"
    assert dialog.subject.text() == default_template(Kind(dialog.kind.currentData()), "nl").subject
