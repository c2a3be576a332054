"""The Cycle tab when another coordinator (a second database opened on the same file) moves the pair after
the panel showed it: the tab's move is refused with who and when, the panel reads the pair again and shows
the other's move, and a move on the pair as shown now is saved."""

from __future__ import annotations

import datetime as dt
import getpass

from sqlalchemy import select

from tests.ui.test_cycle_tab import window  # noqa: F401 (the tab's window fixture)
from westem_desktop.core.cycle import advance
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Match


def phase_of(db) -> int:
    with db.reading() as session:
        return session.scalar(select(Match.phase))


def test_a_move_over_anothers_newer_move_is_refused_and_the_panel_shows_it(window) -> None:  # noqa: F811
    tab = window.pages[2]
    tab.attention.clicked.emit(tab.attention.model().index(0))
    detail = tab.detail
    assert detail.phases.currentIndex() == 0  # preparation

    other = open_database(window.db.path, lock=False)  # another coordinator; the window holds the file's lock
    try:
        with other.session() as session:
            match = session.scalars(select(Match)).one()
            advance(session, match.id, dt.date.today() - dt.timedelta(days=3), version=match.row_version)
    finally:
        other.close()

    detail.next_button.click()  # Anna moves the pair on as she saw it, in preparation
    assert detail.message.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert detail.message.isVisible()
    assert phase_of(window.db) == 2  # moved once, by the other
    assert detail.phases.currentIndex() == 1  # the panel shows the pair in negotiation now

    detail.back_button.click()  # on the pair as shown now: saved
    assert phase_of(window.db) == 1


def test_a_meeting_saved_by_another_meanwhile_is_refused_in_its_dialog(window, monkeypatch) -> None:  # noqa: F811
    from westem_desktop.core.meetings import log_meeting, update_meeting
    from westem_desktop.core.models import Meeting
    from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog

    with window.db.session() as session:
        log_meeting(session, session.scalar(select(Match.id)), dt.date.today() - dt.timedelta(days=5), 45)
    tab = window.pages[2]
    tab.attention.clicked.emit(tab.attention.model().index(0))
    detail = tab.detail
    assert detail.meetings.rowCount() == 1
    seen: dict[str, object] = {}

    def edit(dialog: MeetingDialog) -> int:
        dialog.duration.setValue(60)
        other = open_database(window.db.path, lock=False)  # another coordinator saves the meeting meanwhile
        try:
            with other.session() as session:
                meeting = session.scalars(select(Meeting)).one()
                update_meeting(session, meeting.id, version=meeting.row_version, topics="Exam planning")
        finally:
            other.close()
        dialog.accept()
        seen["message"], seen["typed"] = dialog.error.text(), dialog.duration.value()
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", edit)
    detail.meetings.cellDoubleClicked.emit(0, 0)
    assert str(seen["message"]).startswith(f"Changed by {getpass.getuser()} at ")
    assert seen["typed"] == 60  # what she typed stayed in the dialog
    with window.db.reading() as session:
        meeting = session.scalars(select(Meeting)).one()
        assert (meeting.topics, meeting.duration_minutes) == ("Exam planning", 45)  # theirs kept, hers not saved
    assert detail.meetings.item(0, 4).text() == "Exam planning"  # the panel shows theirs


def test_notes_saved_by_another_meanwhile_are_shown_and_hers_come_back_with_undo(window) -> None:  # noqa: F811
    from westem_desktop.core.cycle import set_notes
    from westem_desktop.core.models import PhaseProgress
    from westem_desktop.core.versions import Seen

    tab = window.pages[2]
    tab.attention.clicked.emit(tab.attention.model().index(0))
    detail = tab.detail
    editor = detail.pages[1]["notes"]
    editor.setPlainText("Saga wants an exam plan.")

    other = open_database(window.db.path, lock=False)  # another coordinator; the window holds the file's lock
    try:
        with other.session() as session:
            match_id = session.scalar(select(Match.id))
            row = session.scalars(select(PhaseProgress).where(PhaseProgress.phase == 1)).one_or_none()
            set_notes(session, match_id, 1, "Met in the library.", Seen.of(row))
    finally:
        other.close()

    detail.pages[1]["save"].click()
    assert detail.message.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert editor.toPlainText() == "Met in the library."  # theirs, as saved
    with window.db.reading() as session:
        assert session.scalars(select(PhaseProgress.notes).where(PhaseProgress.phase == 1)).one() == (
            "Met in the library."
        )
    editor.undo()  # what she typed is not lost
    assert editor.toPlainText() == "Saga wants an exam plan."
    editor.setPlainText("Met in the library. Saga wants an exam plan.")
    detail.pages[1]["save"].click()  # on their notes as shown now: saved
    with window.db.reading() as session:
        assert session.scalars(select(PhaseProgress.notes).where(PhaseProgress.phase == 1)).one() == (
            "Met in the library. Saga wants an exam plan."
        )
