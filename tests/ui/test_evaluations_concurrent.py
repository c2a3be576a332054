"""The Evaluations tab when another coordinator (a second database opened on the same file) enters a
corrected copy of the form the tab shows: saving over it or deleting it is refused with who and when, the
tab reads again and shows the other's answers, and both the other's answers and the tab's form are intact."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.ui.test_evaluations_delete import ANSWERS, asked, saved, select_form, state_of, window  # noqa: F401
from westem_desktop.core.db import open_database
from westem_desktop.core.evaluations import record
from westem_desktop.core.models import Evaluation
from westem_desktop.core.versions import Seen

THEIRS = {**ANSWERS, "goals_met": "All three", "quality": 5}


def karin_corrects(db) -> None:
    """Another coordinator enters a corrected copy of the mentee's final form, on her own database."""
    other = open_database(db.path, lock=False)  # the window holds the file's lock
    try:
        with other.session() as session:
            form = session.scalars(select(Evaluation).where(Evaluation.respondent_role == "mentee")).one()
            record(session, form.match_id, "final", "mentee", THEIRS, seen=Seen.of(form))
    finally:
        other.close()


def test_saving_over_a_copy_entered_meanwhile_is_refused_and_shows_theirs(window) -> None:  # noqa: F811
    tab = window.pages[4]
    select_form(tab, "Mentee")
    assert tab.fields["quality"].value() == 4
    tab.fields["quality"].setValue(2)
    karin_corrects(window.db)
    assert not tab.save_and_next()
    assert tab.error.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert tab.error.isVisible()
    assert saved(window) == THEIRS  # theirs is kept
    assert tab.fields["quality"].value() == 5 and tab.fields["goals_met"].text() == "All three"  # and shown
    assert state_of(tab, "Mentee") == "Entered"
    # What she typed is not lost: listed under the message, the answers she changed that theirs lack.
    assert tab.yours.isVisible()
    assert tab.yours.text().splitlines() == [
        "Your entries that were not saved (the fields show the saved ones):",
        "Quality of the sessions: 2",
    ]

    tab.fields["quality"].setValue(2)  # applied again on their copy: saved
    assert tab.save_and_next()
    assert saved(window) == {**THEIRS, "quality": 2}
    assert not tab.yours.isVisible()  # saved: nothing of hers is waiting any more


def test_deleting_a_copy_entered_meanwhile_is_refused_and_keeps_theirs(window, asked, monkeypatch) -> None:  # noqa: F811
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *args: warned.append(text))
    tab = window.pages[4]
    select_form(tab, "Mentee")
    karin_corrects(window.db)
    tab.delete_answers()
    assert len(warned) == 1 and warned[0].startswith(f"Changed by {getpass.getuser()} at ")
    assert saved(window) == THEIRS
    assert tab.fields["goals_met"].text() == "All three"  # the tab shows their copy
    assert not window.act_undo.isEnabled()  # nothing to undo: nothing was deleted

    tab.delete_answers()  # on their copy as shown now: deleted
    assert saved(window) is None and state_of(tab, "Mentee") == "Outstanding"
