"""Open tabs learn of another coordinator's change on a server: the announcement arrives on the listener's
socket (QSocketNotifier, no polling), the tab showing that programme reads again, the status bar says so."""

from __future__ import annotations

import sqlite3

from tests.coordinators import open_server, server_database
from westem_desktop.core import participants as people
from westem_desktop.core.changes import ChangeListener
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme


def names_shown(tab) -> list[str]:
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def test_a_tab_reads_again_when_another_coordinators_write_is_announced(window, pg_server, qtbot) -> None:
    """The window reads a file here (open_database() of a URL comes with the engine helper: then the window
    works on the server itself, TODO(engine)); the rows Karin writes on the server are written into the file
    as well, unseen by the window, which learns of them only from the server's announcement."""
    name = server_database(pg_server)
    anna, karin = open_server(pg_server, name, "anna"), open_server(pg_server, name, "karin")
    window.server_changes.watch(ChangeListener(anna.engine))
    tab = window.pages[0]
    tab.reload()
    assert names_shown(tab) == []
    try:
        with karin.session() as session:
            programme = create_programme(session, ProgrammeSettings(name="P")).id
        assert programme == window.programme_id == 1  # the same programme on both
        data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@example.edu")
        with sqlite3.connect(window.db.path) as behind:  # the file as the server has it, unannounced
            behind.execute(
                "INSERT INTO participant (programme_id, role, name, email, institution, study_programme, fields,"
                " country, languages, interests, support_wanted, availability, capacity, status, consent, notes,"
                " created_at, updated_at) VALUES (1, 'mentee', ?, ?, '', '', '[]', '', '[]', '[]', '[]', '', 1,"
                " 'active', 0, '', '2026-12-01', '2026-12-01')",
                (data.name, data.email),
            )
        assert names_shown(tab) == []
        with karin.session() as session:
            people.create_participant(session, programme, data)
        qtbot.waitUntil(lambda: names_shown(tab) == ["Şebnem Yılmaz"], timeout=5000)
        assert window.statusBar().currentMessage() == "Another coordinator's change was loaded."
    finally:
        window.server_changes.stop()
        anna.close()
        karin.close()


def test_a_file_is_not_watched(window) -> None:
    assert window.server_changes.listener is None
