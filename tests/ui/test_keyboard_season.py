"""A season by keyboard alone (issue 19): from the import of a spreadsheet to a certificate, every step of
the user is a key pressed on the widget that has the focus (Tab, arrows, Space, Enter, Ctrl+Tab, Alt+letter);
no mouse event and no method called on a widget for the user's steps.

Dialogs run by ``exec()`` are shown instead and driven by keys in the same way; Qt's own file dialogs answer
a path (they are Qt's). Results are read from what the window shows and from the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from sqlalchemy import func, select

from westem_desktop.core.models import Certificate, Match, Participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

REGISTRATIONS = """Name;E-mail;Role;Field;Capacity
Astrid Lindqvist;astrid@uu.se;Mentor;Computer science;2
Saga Holm;saga@uu.se;Mentee;Computer science;
"""

Key = Qt.Key
MOUSE = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick}


class MouseWatch(QObject):
    """Counts every mouse button event the application receives: there must be none."""

    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in MOUSE:
            self.events += 1
        return False


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key on the widget that has the focus (the active window if none has)."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def alt(letter: str) -> None:
    """Alt+letter: a button's mnemonic clicks it with a short animation (100 ms), waited for here."""
    press(Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)
    QTest.qWait(150)


def tab_to(widget: QWidget, limit: int = 80) -> None:
    """Press Tab until ``widget`` has the focus: it must be reachable by Tab."""
    for _ in range(limit):
        if widget.hasFocus():
            return
        press(Key.Key_Tab)
    seen = QApplication.focusWidget()
    raise AssertionError(f"{type(widget).__name__} “{widget.objectName()}” is not reached by Tab (focus: {seen!r})")


def show(dialog: QDialog, qtbot) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)


def modal(script, qtbot):
    """An ``exec()`` that shows the dialog, runs ``script`` (keys) on it, and gives the focus back to the
    window below as the window manager does when a modal dialog closes."""

    def run(dialog: QDialog) -> int:
        show(dialog, qtbot)
        try:
            script(dialog)
        finally:
            dialog.hide()
            below = dialog.parentWidget().window()
            below.activateWindow()
            qtbot.waitUntil(below.isActiveWindow, timeout=2000)
        return dialog.result()

    return run


def choose(view, name: str, column: int = 0) -> None:
    """Tab to ``view``, arrow down to the row that shows ``name`` and select it with Space."""
    tab_to(view)
    press(Key.Key_Home)
    for _ in range(view.model().rowCount()):
        if view.currentIndex().siblingAtColumn(column).data() == name:
            break
        press(Key.Key_Down)
    assert view.currentIndex().siblingAtColumn(column).data() == name, f"{name} is not in the list"
    if not view.selectionModel().isRowSelected(view.currentIndex().row()):
        press(Key.Key_Space)
    assert view.selectionModel().isRowSelected(view.currentIndex().row())


def text_of(view, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_a_season_by_keyboard_alone(make_window, qtbot, tmp_path: Path, monkeypatch) -> None:
    from westem_desktop.ui.dialogs.import_dialog import ImportDialog
    from westem_desktop.ui.dialogs.participant_dialog import ParticipantDialog
    from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

    watch = MouseWatch()
    QApplication.instance().installEventFilter(watch)
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Keys", document_language="en")).id
    window.load_programmes(pid)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    source = tmp_path / "registrations.csv"
    source.write_text(REGISTRATIONS, encoding="utf-8")
    saved = tmp_path / "certificates.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved), "")))
    answered: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: answered.append(text)))
    people, matches, cycle, agreements = window.pages[:4]

    # -- the first person by hand (the empty tab offers "Add a participant…") -----------------------------
    def add_person(dialog: ParticipantDialog) -> None:
        tab_to(dialog.name)
        QTest.keyClicks(dialog.name, "Ingrid Berg")
        tab_to(dialog.email)
        QTest.keyClicks(dialog.email, "ingrid@uu.se")
        press(Key.Key_Return)  # Save is the default button

    monkeypatch.setattr(ParticipantDialog, "exec", modal(add_person, qtbot))
    tab_to(people.empty.button)
    press(Key.Key_Space)
    assert text_of(people.view, 0) == ["Ingrid Berg"]

    # -- import the spreadsheet: Alt+I, choose the file, Import, Close -----------------------------------
    def run_import(dialog: ImportDialog) -> None:
        choose = dialog.findChild(QWidget, "chooseFile")
        tab_to(choose)
        press(Key.Key_Space)
        qtbot.waitUntil(lambda: not dialog.reading and dialog.table is not None)
        tab_to(dialog.import_button)
        press(Key.Key_Space)
        assert dialog.imported, dialog.summary.text()
        tab_to(dialog.close_button)
        press(Key.Key_Space)

    monkeypatch.setattr(ImportDialog, "exec", modal(run_import, qtbot))
    alt("i")
    assert sorted(text_of(people.view, 0)) == ["Astrid Lindqvist", "Ingrid Berg", "Saga Holm"]

    # -- Matches (Ctrl+Tab): Saga with Astrid ----------------------------------------------------------
    press(Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    choose(matches.mentees_view, "Saga Holm")
    choose(matches.mentors_view, "Astrid Lindqvist")
    tab_to(matches.pair_button)
    press(Key.Key_Space)
    assert text_of(matches.mentees_view, 0) == ["Ingrid Berg"]
    with window.db.session() as session:
        match_id = session.scalar(select(Match.id))
        assert match_id is not None

    # -- Cycle: phases 1 and 2 together, then activation, then close the pair ----------------------------
    press(Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    choose(cycle.view, "Saga Holm", 1)
    assert cycle.detail.match_id == match_id
    alt("t")  # Phases 1 and 2 together
    alt("n")  # Next phase: closure
    alt("s")  # Close the pair…
    with window.db.session() as session:
        assert session.scalar(select(Match.status).where(Match.id == match_id)) == "closed"

    # -- Agreements: the certificates of every closed pair, saved as a PDF -------------------------------
    def save_certificates(dialog: PdfPreview) -> None:
        alt("s")  # Save as…
        press(Key.Key_Escape)

    monkeypatch.setattr(PdfPreview, "exec", modal(save_certificates, qtbot))
    press(Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 3
    tab_to(agreements.batch_button)
    press(Key.Key_Space)
    assert saved.read_bytes().startswith(b"%PDF")
    with window.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 2
        assert session.scalar(select(func.count()).select_from(Participant)) == 3
    QApplication.instance().removeEventFilter(watch)
    assert watch.events == 0
