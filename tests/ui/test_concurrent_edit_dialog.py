"""The participant dialog when someone else saved her meanwhile: the save is refused with who and when,
the dialog stays open with what was typed, Reload shows the newer values and lists the entries to apply
again; saving then keeps both changes."""

from __future__ import annotations

import datetime as dt
import getpass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.ui.test_participants_tab import answer_dialog, fill
from westem_desktop.core import participants as people
from westem_desktop.core.models import Participant
from westem_desktop.core.participants import ParticipantData
from westem_desktop.ui.dialogs.participant_dialog import ParticipantDialog


def add_sebnem(window) -> int:
    with window.db.session() as session:
        data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@uu.se")
        sebnem = people.create_participant(session, window.programme_id, data).id
    return sebnem


def someone_else_saves(window, sebnem: int, **changes) -> None:
    """Another coordinator's save of the same participant (on a file: another session of the database)."""
    with window.db.session() as session:
        person = session.get_one(Participant, sebnem)
        data = ParticipantData.of(person)
        for key, value in changes.items():
            setattr(data, key, value)
        people.update_participant(session, sebnem, data, person.row_version)


def changed_at(window, sebnem: int) -> str:
    """When the row was last saved, local time in 24 hours (as Swedish writes it)."""
    with window.db.session() as session:
        when = session.get_one(Participant, sebnem).changed_at
    return when.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def saved(window, sebnem: int) -> ParticipantData:
    with window.db.session() as session:
        return ParticipantData.of(session.get_one(Participant, sebnem))


def test_a_save_over_a_newer_change_is_refused_and_reload_loses_nothing(window, monkeypatch, qtbot) -> None:
    tab = window.pages[0]
    sebnem = add_sebnem(window)
    tab.reload()
    seen: dict[str, object] = {}

    def edit(dialog: ParticipantDialog) -> None:
        fill(dialog, study_programme="Chemistry")
        someone_else_saves(window, sebnem, notes="Prefers mornings", availability="Tuesdays")
        dialog.accept()
        seen["message"] = dialog.error.text()
        seen["open"] = dialog.result() != QDialog.DialogCode.Accepted
        seen["typed"] = dialog.study_programme.text()
        seen["reload offered"] = dialog.reload_button.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
        seen["after reload"] = (dialog.study_programme.text(), dialog.notes.toPlainText(), dialog.availability.text())
        seen["yours"] = dialog.yours.toPlainText() if dialog.yours.isVisibleTo(dialog) else None
        fill(dialog, study_programme="Chemistry")  # she applies her change again
        dialog.accept()
        seen["accepted"] = dialog.result() == QDialog.DialogCode.Accepted

    answer_dialog(monkeypatch, edit)
    tab.view.selectRow(0)
    tab.edit_selected()

    who = getpass.getuser()
    message = str(seen["message"])
    assert message.startswith(f"Changed by {who} at ") and message.endswith("; reload and apply your change again?")
    assert seen["open"] and seen["typed"] == "Chemistry" and seen["reload offered"]
    assert seen["after reload"] == ("", "Prefers mornings", "Tuesdays")
    assert seen["yours"] == "Study programme: Chemistry"
    assert seen["accepted"]
    now = saved(window, sebnem)
    assert (now.study_programme, now.notes, now.availability) == ("Chemistry", "Prefers mornings", "Tuesdays")
    tab.undo()  # undo goes back to the version she reloaded, keeping the other's change
    now = saved(window, sebnem)
    assert (now.study_programme, now.notes) == ("", "Prefers mornings")


def test_the_time_in_the_message_is_the_others_local_time_in_24_hours_in_swedish(window, switcher, monkeypatch):
    switcher.apply("sv")
    tab = window.pages[0]
    sebnem = add_sebnem(window)
    tab.reload()
    messages: list[str] = []

    def edit(dialog: ParticipantDialog) -> None:
        fill(dialog, study_programme="Kemi")
        someone_else_saves(window, sebnem, notes="Annat")
        dialog.accept()
        messages.append((dialog.error.text(), changed_at(window, sebnem)))
        dialog.reject()

    answer_dialog(monkeypatch, edit)
    tab.view.selectRow(0)
    tab.edit_selected()
    text, clock = messages[0]
    assert text == f"Ändrad av {getpass.getuser()} kl. {clock}; ladda om och gör din ändring igen?"
    assert saved(window, sebnem).study_programme == ""  # refused: nothing of hers written, the other's kept
    assert saved(window, sebnem).notes == "Annat"


def test_editing_someone_deleted_meanwhile_says_so_and_keeps_the_entries(window, monkeypatch) -> None:
    tab = window.pages[0]
    sebnem = add_sebnem(window)
    tab.reload()
    seen: list[tuple[str, str, bool]] = []

    def edit(dialog: ParticipantDialog) -> None:
        fill(dialog, study_programme="Chemistry")
        with window.db.session() as session:
            people.delete_participants(session, [sebnem])
        dialog.accept()
        seen.append((dialog.error.text(), dialog.study_programme.text(), dialog.reload_button.isVisibleTo(dialog)))
        dialog.reject()

    answer_dialog(monkeypatch, edit)
    tab.view.selectRow(0)
    tab.edit_selected()
    assert seen == [("Someone else deleted this meanwhile, so your change was not saved.", "Chemistry", False)]
