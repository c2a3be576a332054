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


def test_first_contact_over_anothers_newer_change_is_refused_and_the_date_stays(window, pair, monkeypatch) -> None:  # noqa: F811
    from westem_desktop.ui.dialogs.date_prompt import DatePrompt

    tab = window.pages[1]
    seen: dict[str, object] = {}

    def answer(prompt: DatePrompt) -> int:
        prompt.date.setDate(dt.date(2026, 9, 10))
        karin(window.db, pair, lambda session, version: set_style(session, pair, "flash", version))
        seen["saved"] = prompt.confirm()
        seen["message"] = prompt.error.text()
        seen["reload offered"] = prompt.reload_button.isVisibleTo(prompt)
        seen["style shown"] = column(tab.pairs_view, 4)  # the tab behind the dialog read the pair again
        prompt.reload_button.click()
        seen["date kept"] = prompt.value()
        return int(prompt.confirm())  # applied again on the newer version

    monkeypatch.setattr(DatePrompt, "exec", answer)
    tab.contact_button.click()
    assert seen["saved"] is False and str(seen["message"]).startswith(f"Changed by {getpass.getuser()} at ")
    assert seen["reload offered"] and "Flash mentoring" in seen["style shown"]
    assert seen["date kept"] == dt.date(2026, 9, 10)
    assert saved(window.db, pair).first_contact_on == dt.date(2026, 9, 10)
    assert saved(window.db, pair).style == "flash"  # Karin's change stays


def test_ending_a_pair_another_changed_meanwhile_is_refused_and_the_reason_stays(window, pair, monkeypatch) -> None:  # noqa: F811
    tab = window.pages[1]
    seen: dict[str, object] = {}

    def answer(dialog: EndPairDialog) -> int:
        dialog.reason.setPlainText("Moved abroad")
        karin(window.db, pair, lambda session, version: set_first_contact(session, pair, dt.date(2026, 9, 3), version))
        dialog.accept()
        seen["open"] = dialog.result() != 1
        seen["message"] = dialog.error.text()
        seen["reload offered"] = dialog.reload_button.isVisibleTo(dialog)
        seen["status meanwhile"] = saved(window.db, pair).status
        dialog.reload_button.click()
        seen["after reload"] = (dialog.reason.toPlainText(), dialog.error.isVisibleTo(dialog))
        dialog.accept()  # applied again on the newer version
        return dialog.result()

    monkeypatch.setattr(EndPairDialog, "exec", answer)
    tab.end_button.click()
    assert seen["open"] and str(seen["message"]).startswith(f"Changed by {getpass.getuser()} at ")
    assert seen["reload offered"] and seen["status meanwhile"] == "active"
    assert seen["after reload"] == ("Moved abroad", False)
    ended = saved(window.db, pair)
    assert (ended.status, ended.termination_reason, ended.first_contact_on) == (
        "ended",
        "Moved abroad",
        dt.date(2026, 9, 3),
    )


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_reload_shares_no_letter_with_the_dialogs_buttons(window, switcher, language) -> None:  # noqa: F811
    """Reload, offered after a refusal, has an Alt+letter of its own beside End the pair and Save."""
    from collections import Counter

    from tests.ui.test_mnemonics import mnemonic, window_items
    from westem_desktop.ui.dialogs.date_prompt import DatePrompt

    switcher.apply(language)
    for dialog in (
        EndPairDialog("Astrid", "Saga", window, reload=lambda: None),
        DatePrompt("First contact", "When?", "Date", window, save=lambda day: False, reload=lambda: None),
    ):
        dialog.reload_button.show()
        dialog.show()
        items = window_items(dialog)
        dialog.close()
        letters = Counter(mnemonic(item.text) for item in items)
        assert dialog.reload_button.text() in [item.text for item in items]
        assert [item.text for item in items if letters[mnemonic(item.text)] > 1] == [], dialog.objectName()
