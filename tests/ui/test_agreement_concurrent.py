"""The Agreements tab when another coordinator saves the same pair's agreement meanwhile: what was typed
stays in the editor when the tab reads again, the save is refused with who and when, Reload shows theirs."""

from __future__ import annotations

import getpass

from tests.ui.test_agreements_tab import pick, window  # noqa: F401 (the tab's window fixture)
from westem_desktop.core import agreements
from westem_desktop.core.models import Match
from westem_desktop.core.versions import Seen
from westem_desktop.ui.actions import Change


def test_a_save_over_anothers_newer_agreement_is_refused_and_the_text_kept(window) -> None:  # noqa: F811
    tab = window.pages[3]
    pick(tab, "Łucja Wróblewska")
    match_id = tab.match_id
    tab.editor.expectations.setPlainText("Anna's expectations")

    with window.db.session() as session:  # another coordinator saves the same pair's agreement
        assert session.get_one(Match, match_id) is not None
        theirs = agreements.draft(session, match_id)
        theirs.expectations = "Karin's expectations"
        agreements.save(session, match_id, theirs, Seen.of(agreements.current(session, match_id)))
    window.actions.changed.emit(Change.AGREEMENTS)  # the tab reads again (on a server: by NOTIFY)
    assert tab.editor.expectations.toPlainText() == "Anna's expectations"  # what she typed stays

    assert not tab.save()
    assert tab.error.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert tab.reload_button.isVisible()
    assert tab.editor.expectations.toPlainText() == "Anna's expectations"
    with window.db.session() as session:
        assert agreements.current(session, match_id).expectations == "Karin's expectations"

    tab.reload_button.click()
    assert tab.editor.expectations.toPlainText() == "Karin's expectations"
    assert not tab.reload_button.isVisible()
    tab.editor.expectations.setPlainText("Karin's expectations, and Anna's")
    assert tab.save()
    with window.db.session() as session:
        assert agreements.current(session, match_id).expectations == "Karin's expectations, and Anna's"
