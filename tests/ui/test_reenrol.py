"""Re-enrolling for a new round, as a coordinator does it: a mentee whose pair was closed or ended is not
among the mentees without a mentor until she is re-enrolled, from the Participants tab or the Matches tab."""

from __future__ import annotations

import datetime as dt

import pytest

from westem_desktop.core import participants as people
from westem_desktop.core.cycle import advance, close_pair
from westem_desktop.core.pairs import create_pair, end_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.ui.dialogs.date_prompt import DatePrompt

START = dt.date.today() - dt.timedelta(days=150)
CLOSED_ON = START + dt.timedelta(days=100)
ENDED_ON = START + dt.timedelta(days=40)


@pytest.fixture
def window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort")).id
        ids = {
            name: people.create_participant(session, pid, people.ParticipantData(role, name, f"{name}@uu.se")).id
            for name, role in (("Astrid", "mentor"), ("Britt", "mentor"), ("Saga", "mentee"), ("Tove", "mentee"))
        }
        closed = create_pair(session, ids["Saga"], ids["Astrid"], today=START).id
        for days in (7, 30, 90):
            advance(session, closed, START + dt.timedelta(days=days))
        close_pair(session, closed, CLOSED_ON)
        ended = create_pair(session, ids["Tove"], ids["Britt"], today=START).id
        end_pair(session, ended, ENDED_ON, "Moved abroad")
    window.load_programmes(pid)
    window.show()
    return window


def without_a_mentor(window) -> list[str]:
    window.tabs.setCurrentIndex(1)
    model = window.pages[1].mentees_model
    return sorted(model.index(r, 0).data() for r in range(model.rowCount()))


def answer_with(monkeypatch, *days: dt.date) -> list[str]:
    """The date prompt gets each day in turn, OK each time; returns what it said after each."""
    said: list[str] = []

    def run(dialog: DatePrompt) -> int:
        assert dialog.windowTitle() == "Re-enrol for a new round"
        for day in days:
            dialog.date.setDate(day)
            done = dialog.confirm()
            said.append("" if done else dialog.error.text())
            if done:
                break
        return dialog.result()

    monkeypatch.setattr(DatePrompt, "exec", run)
    return said


def test_reenrol_a_mentee_from_the_participants_tab(window, monkeypatch) -> None:
    assert without_a_mentor(window) == []  # closed and ended: both out of the pool
    window.tabs.setCurrentIndex(0)
    tab = window.pages[0]
    saga = next(tab.model.row_at(r).id for r in range(tab.model.rowCount()) if tab.model.row_at(r).name == "Saga")
    tab._select([saga])
    assert tab.act_reenrol.text() == "Re-enrol for a new round…"
    said = answer_with(monkeypatch, CLOSED_ON - dt.timedelta(days=1), dt.date.today())
    tab.act_reenrol.trigger()
    assert said[0].startswith("A new round cannot start before her last pair finished")  # the dialog stayed open
    assert said[1] == ""
    assert without_a_mentor(window) == ["Saga"]


def test_reenrol_the_mentee_of_an_ended_pair_from_the_matches_tab(window, monkeypatch) -> None:
    window.tabs.setCurrentIndex(1)
    tab = window.pages[1]
    tab.only_active.setChecked(False)
    rows = {tab.pairs_proxy.index(r, 2).data(): r for r in range(tab.pairs_proxy.rowCount())}
    tab.pairs_view.selectRow(rows["Tove"])
    assert tab.reenrol_button.isEnabled() and not tab.end_button.isEnabled()
    said = answer_with(monkeypatch, dt.date.today())
    tab.reenrol_button.click()
    assert said == [""]
    assert without_a_mentor(window) == ["Tove"]
    # Now waiting for a mentor: a second re-enrolment is refused, saying why, and nothing changes.
    tab.only_active.setChecked(False)
    rows = {tab.pairs_proxy.index(r, 2).data(): r for r in range(tab.pairs_proxy.rowCount())}
    tab.pairs_view.selectRow(rows["Tove"])
    said = answer_with(monkeypatch, dt.date.today())
    tab.reenrol_button.click()
    assert said == ["Tove is already waiting for a mentor."]
    assert without_a_mentor(window) == ["Tove"]
