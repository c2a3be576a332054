"""Deleting a participant in the Participants tab whom another coordinator (a second database opened on the
same file) changed after the table showed her: refused with who and when, the table reads again and shows
the other's change, and she stays with it; deleting her then, as shown now, deletes her."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QMessageBox

from tests.ui.test_participants_tab import names_shown
from westem_desktop.core import participants as people
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Participant
from westem_desktop.core.participants import ParticipantData


def test_deleting_someone_changed_meanwhile_is_refused_and_the_table_shows_the_change(window, monkeypatch) -> None:
    tab = window.pages[0]
    with window.db.session() as session:
        for name, email in (("Şebnem Yılmaz", "sebnem@uu.se"), ("Łucja Wróblewska", "lucja@uu.se")):
            people.create_participant(session, window.programme_id, ParticipantData("mentee", name, email))
    tab.reload()
    assert names_shown(tab) == ["Łucja Wróblewska", "Şebnem Yılmaz"]
    tab.view.selectRow(1)
    (sebnem,) = tab.selected_ids()

    other = open_database(window.db.path, lock=False)  # another coordinator; the window holds the file's lock
    try:
        with other.session() as session:
            person = session.get_one(Participant, sebnem)
            data = ParticipantData.of(person)
            data.email = "sebnem.yilmaz@uu.se"
            people.update_participant(session, sebnem, data, person.row_version)
    finally:
        other.close()

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *args: warned.append(text))
    tab.delete_selected()
    assert len(warned) == 1 and warned[0].startswith(f"Changed by {getpass.getuser()} at ")
    assert names_shown(tab) == ["Łucja Wróblewska", "Şebnem Yılmaz"]
    assert "sebnem.yilmaz@uu.se" in [tab.proxy.index(1, c).data() for c in range(tab.proxy.columnCount())]
    with window.db.session() as session:
        assert session.get_one(Participant, sebnem).email == "sebnem.yilmaz@uu.se"  # her change stays
    assert not window.act_undo.isEnabled()

    assert tab.selected_ids() == [sebnem]  # still selected; deleted as shown now
    tab.delete_selected()
    assert names_shown(tab) == ["Łucja Wróblewska"]
    window.act_undo.trigger()
    with window.db.session() as session:
        assert session.get_one(Participant, sebnem).email == "sebnem.yilmaz@uu.se"
