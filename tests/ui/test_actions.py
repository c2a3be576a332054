"""The action runner, the tabs' life cycle, the language switch by registration and undo on Qt's contract."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QTabWidget, QWidget
from sqlalchemy import func, select

from westem_desktop.core import participants as people
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.ui import language
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.tabs.participants_undo import AddParticipant, DeleteParticipants


@pytest.fixture
def window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort", default_style="traditional")).id
        for name, role in (("Astrid", "mentor"), ("Saga", "mentee"), ("Elin", "mentee")):
            people.create_participant(
                session, pid, people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se")
            )
    window.load_programmes(pid)
    window.show()
    return window


def _count(window, model) -> int:
    with window.db.session() as session:
        return session.scalar(select(func.count(model.id)))


def _changes(runner: ActionRunner) -> list[Change]:
    emitted: list[Change] = []
    runner.changed.connect(emitted.append)
    return emitted


def _rename(participant_id: int, name: str, then_refuse: ValidationError | None = None):
    def write(session) -> None:
        session.get_one(Participant, participant_id).name = name
        session.flush()
        if then_refuse is not None:
            raise then_refuse

    return write


def test_a_refusal_naming_a_field_focuses_it_on_its_page_and_changes_nothing(window, qtbot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    pages = QTabWidget(form)
    pages.addTab(QLineEdit(), "first")
    second = QWidget()
    email = QLineEdit(second)
    email.setObjectName("email")
    pages.addTab(second, "second")
    line = QLabel(form)
    form.show()
    form.activateWindow()
    emitted = _changes(window.actions)

    outcome = window.actions.run(
        _rename(1, "Changed", ValidationError("The e-mail address is required.", "email")),
        Change.PARTICIPANTS,
        form,
        line=line,
    )

    assert not outcome and outcome.value is None
    assert line.text() == "The e-mail address is required." and line.isVisibleTo(form)
    assert pages.currentWidget() is second  # the field's page came to the front
    assert form.focusWidget() is email
    assert emitted == []
    with window.db.session() as session:
        assert session.get_one(Participant, 1).name == "Astrid"


def test_a_refusal_without_a_field_or_line_is_a_message_box_on_the_calling_widget(window, monkeypatch) -> None:
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a))
    tab = window.pages[0]
    emitted = _changes(window.actions)
    outcome = window.actions.run(
        _rename(1, "Changed", ValidationError("Not now.")), Change.PARTICIPANTS, tab, title="Rename"
    )
    assert not outcome
    assert [(a[0], a[1], a[2]) for a in shown] == [(tab, "Rename", "Not now.")]
    assert emitted == []


def test_a_saved_write_emits_one_change_and_the_tabs_behind_read_when_they_come_to_the_front(window) -> None:
    participants, matches, cycle = window.pages[0], window.pages[1], window.pages[2]
    window.tabs.setCurrentIndex(1)
    assert not matches.stale and cycle.stale  # the Cycle tab has not been in front yet
    window.tabs.setCurrentIndex(2)
    window.tabs.setCurrentIndex(1)
    assert not cycle.stale and cycle.model.rowCount() == 0
    emitted = _changes(window.actions)
    reads: list[str] = []

    def counting(tab):
        real, name = tab.reload, type(tab).__name__
        return lambda: (reads.append(name), real())[1]

    for tab in (participants, matches, cycle):
        tab.reload = counting(tab)

    for view, name in ((matches.mentees_view, "Saga"), (matches.mentors_view, "Astrid")):
        row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 0).data() == name)
        view.selectRow(row)
    matches.pair_button.click()

    assert emitted == [Change.PAIRS]  # exactly one signal, saying what changed
    assert reads == ["MatchesTab"]  # only the tab in front reads at once
    assert participants.stale and cycle.stale
    assert window.overview.active_pairs == 1  # the status bar's figures are new
    assert _count(window, Match) == 1
    window.tabs.setCurrentIndex(2)
    assert reads == ["MatchesTab", "CycleTab"] and not cycle.stale
    assert cycle.model.rowCount() == 1
    window.tabs.setCurrentIndex(0)
    assert reads[-1] == "ParticipantsTab" and not participants.stale


def test_a_change_a_tab_does_not_show_leaves_it_fresh(window) -> None:
    window.tabs.setCurrentIndex(1)
    participants = window.pages[0]
    assert not participants.stale
    window.actions.run(lambda session: None, Change.AGREEMENTS, window)
    assert not participants.stale


class Texts(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        language.register(self)

    def translate_ui(self) -> None:
        self.calls += 1


def test_a_switch_retranslates_each_registered_widget_once_and_no_destroyed_one(qtbot, switcher) -> None:
    kept, parent = Texts(), QWidget()
    qtbot.addWidget(kept)
    qtbot.addWidget(parent)
    child = Texts()
    child.setParent(parent)
    gone = Texts()
    assert (kept.calls, child.calls, gone.calls) == (1, 1, 1)  # translated once when registered
    shiboken6.delete(gone)

    switcher.apply("sv")

    assert (kept.calls, child.calls) == (2, 2)
    assert gone.calls == 1
    switcher.apply("nl")
    assert (kept.calls, child.calls, gone.calls) == (3, 3, 1)


def test_undo_commands_write_in_redo(window, qtbot) -> None:
    from PySide6.QtGui import QUndoStack

    tab = window.pages[0]
    stack = QUndoStack()
    data = people.ParticipantData(role="mentee", name="Noor", email="noor@uu.se")
    add = AddParticipant(window.actions, tab, window.programme_id, data, {})
    assert _count(window, Participant) == 3  # nothing is written until the command is pushed
    stack.push(add)  # push calls redo(), which writes
    assert _count(window, Participant) == 4 and add.outcome and stack.count() == 1
    stack.undo()
    assert _count(window, Participant) == 3
    stack.redo()
    assert _count(window, Participant) == 4
    with window.db.session() as session:
        assert session.get_one(Participant, add.participant_id).name == "Noor"  # the same row came back

    delete = DeleteParticipants(window.actions, tab, [add.participant_id])
    stack.push(delete)
    assert _count(window, Participant) == 3 and delete.text() == "Delete Noor"
    stack.undo()
    assert _count(window, Participant) == 4

    refused = AddParticipant(
        window.actions, tab, window.programme_id, people.ParticipantData(role="mentee", name="", email="x@uu.se"), {}
    )
    line = QLabel(tab)
    refused.line = line
    stack.push(refused)
    assert not refused.outcome and line.text() == "The name is required."
    # Pushing dropped the undone Delete, as always; the refused step itself is not on the stack.
    assert stack.count() == 1 and stack.command(0) is add and _count(window, Participant) == 4
