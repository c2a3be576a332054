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
