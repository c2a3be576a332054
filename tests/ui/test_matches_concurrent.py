"""The Matches tab when another coordinator changes the selected pair meanwhile (a second database opened on
the same file): the tab's save of the style, the first contact or the end is refused with who and when, the
tab reads again so that the other's change shows, and both changes' data is intact."""

from __future__ import annotations

import datetime as dt
import getpass

import pytest

from tests.ui.test_matches_tab import column, pick, window  # noqa: F401 (the tab's window fixture)
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Match
from westem_desktop.core.pairs import set_first_contact, set_style
from westem_desktop.ui.dialogs.end_pair_dialog import EndPairDialog


@pytest.fixture
def pair(window):  # noqa: F811
    """Astrid and Saga paired; the tab shows the pair selected."""
    tab = window.pages[1]
    pick(tab.mentees_view, "Saga")
    pick(tab.mentors_view, "Astrid")
    tab.pair_button.click()
    pick(tab.pairs_view, "Astrid")
    return tab.selected_pair().id


def karin(db, pair: int, change) -> None:
    """Another coordinator's change of the pair (``change(session, version)``), through a database of her
    own on the same file."""
    other = open_database(db.path, lock=False)  # the window holds the file's lock
    try:
        with other.session() as session:
            change(session, session.get_one(Match, pair).row_version)
    finally:
        other.close()


def saved(db, pair: int) -> Match:
    with db.session() as session:
        match = session.get_one(Match, pair)
        session.expunge(match)
        return match


def test_a_style_change_over_anothers_newer_change_is_refused_and_the_tab_reads_again(window, pair) -> None:  # noqa: F811
    tab = window.pages[1]
    karin(window.db, pair, lambda session, version: set_first_contact(session, pair, dt.date(2026, 9, 3), version))
    tab.style_button.click()
    assert tab.message.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert "reload and apply your change again" in tab.message.text()
    assert tab.selected_pair().row_version == saved(window.db, pair).row_version  # the tab read the pair again
    assert saved(window.db, pair).style == "traditional"
    assert saved(window.db, pair).first_contact_on == dt.date(2026, 9, 3)  # Karin's change stays

    pick(tab.pairs_view, "Astrid")
    tab.style_button.click()  # applied again on the newer version: saved
    assert saved(window.db, pair).style == "flash" and saved(window.db, pair).first_contact_on == dt.date(2026, 9, 3)
    assert "Flash mentoring" in column(tab.pairs_view, 4)


def test_first_contact_over_anothers_newer_change_is_refused(window, pair, monkeypatch) -> None:  # noqa: F811
    from westem_desktop.ui.dialogs import date_prompt

    tab = window.pages[1]
    karin(window.db, pair, lambda session, version: set_style(session, pair, "flash", version))
    monkeypatch.setattr(date_prompt.DatePrompt, "exec", lambda self: 1)
    monkeypatch.setattr(date_prompt.DatePrompt, "value", lambda self: dt.date(2026, 9, 10))
    tab.contact_button.click()
    assert tab.message.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert saved(window.db, pair).first_contact_on is None
    assert saved(window.db, pair).style == "flash"
    assert "Flash mentoring" in column(tab.pairs_view, 4)  # the tab shows Karin's change


def test_ending_a_pair_another_changed_meanwhile_is_refused(window, pair, monkeypatch) -> None:  # noqa: F811
    tab = window.pages[1]
    karin(window.db, pair, lambda session, version: set_first_contact(session, pair, dt.date(2026, 9, 3), version))
    monkeypatch.setattr(EndPairDialog, "exec", lambda self: 1)
    monkeypatch.setattr(EndPairDialog, "values", lambda self: (dt.date.today(), "Moved abroad"))
    tab.end_button.click()
    assert tab.message.text().startswith(f"Changed by {getpass.getuser()} at ")
    assert saved(window.db, pair).status == "active" and saved(window.db, pair).first_contact_on == dt.date(2026, 9, 3)

    pick(tab.pairs_view, "Astrid")
    tab.end_button.click()
    assert saved(window.db, pair).status == "ended" and saved(window.db, pair).first_contact_on == dt.date(2026, 9, 3)
