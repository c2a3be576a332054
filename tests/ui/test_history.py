"""The History… and Mentor register… actions: absent on a file (which keeps neither), offered on a server."""

from __future__ import annotations

from PySide6.QtCore import Qt


def history_items(window) -> list[bool]:
    """Whether the History… and Mentor register… items of the Participants tab's More menu are shown."""
    participants = window.pages[0]
    names = ("History…", "Mentor register of every programme…")
    return [a.isVisible() for a in participants.more_menu.actions() if a.text() in names]


def test_a_file_offers_no_history(window) -> None:
    participants, matches = window.pages[0], window.pages[1]
    assert history_items(window) == [False, False]
    window.tabs.setCurrentIndex(1)
    assert "History…" not in [a.text() for a in matches.pairs_view.actions() if a.isVisible()]
    assert participants.act_history not in [a for a in participants.more_menu.actions() if a.isVisible()]


def test_a_server_offers_the_history_of_a_participant_and_of_a_pair(window, monkeypatch) -> None:
    monkeypatch.setattr(window.db, "is_server", True, raising=False)
    participants, matches = window.pages[0], window.pages[1]
    participants.retranslate()
    assert history_items(window) == [True, True]
    window.tabs.setCurrentIndex(1)
    matches.retranslate()
    assert matches.pairs_view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert "History…" in [a.text() for a in matches.pairs_view.actions() if a.isVisible()]
