"""The Cycle tab: pairs by phase, the attention list, ticking checklists, moving a pair, meetings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from westem_desktop.core import participants as people
from westem_desktop.core.cycle import checklist_state
from westem_desktop.core.demo import create_demo
from westem_desktop.core.models import Match, Meeting
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog


@pytest.fixture
def window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort")).id
        ids = {}
        for name, role in (("Astrid", "mentor"), ("Saga", "mentee")):
            ids[name] = people.create_participant(
                session, pid, people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se")
            ).id
        create_pair(session, ids["Saga"], ids["Astrid"], style="flash", today=dt.date.today() - dt.timedelta(days=40))
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(2)
    window.show()
    return window


def test_a_flash_pair_through_the_cycle(window, monkeypatch) -> None:
    tab = window.pages[2]
    assert tab.model.rowCount() == 1
    assert window.tabs.tabText(2) == "Cycle (1)"  # no meeting and no first contact yet
    assert tab.attention.model().rowCount() == 2
    tab.attention.clicked.emit(tab.attention.model().index(0))
    detail = tab.detail
    assert detail.heading.text() == "Astrid and Saga"
    box, when = detail.pages[1]["boxes"]["build_trust"]
    when.setDate(QDate(dt.date.today() - dt.timedelta(days=2)))
    box.click()
    with window.db.session() as session:
        match_id = session.scalar(select(Match.id))
        assert checklist_state(session, match_id) == {1: {"build_trust": dt.date.today() - dt.timedelta(days=2)}}
    detail.both_button.click()  # preparation and negotiation in the first meeting; flash skips activation
    assert not detail.phases.isTabEnabled(2)
    assert detail.phases.currentIndex() == 3 and detail.close_button.isEnabled()
    assert "finished its cycle after phase 4" in detail.close_button.toolTip()  # not ended early
    assert "4. Closure" in tab.model.index(0, 2).data()

    def log(dialog: MeetingDialog) -> int:
        dialog.duration.setValue(60)
        dialog.topics.setText("Exam planning")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", log)
    detail.log_button.click()
    assert detail.meetings.rowCount() == 1 and detail.meetings.item(0, 4).text() == "Exam planning"
    assert detail.meeting_stats.text().startswith("1 meeting held, 1.0 h")

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[1]))
    detail.close_button.click()
    assert shown == ["The pair is closed"]
    with window.db.session() as session:
        assert session.scalar(select(Match.status)) == "closed"
    # The closed pair leaves the active pairs, and the panel lets go of it (it showed its checklist).
    assert tab.stack.currentWidget() is tab.content and tab.model.rowCount() == 0
    assert detail.match_id is None and detail.heading.text() == "Choose a pair in the list"
    assert not any(box.isChecked() for page in detail.pages.values() for box, _when in page["boxes"].values())
    assert tab.status_filter.currentText() == "Active pairs (0)"


def test_closed_and_ended_pairs_are_looked_back_at(make_window, monkeypatch) -> None:
    """A coordinator closes one pair and ends another: both leave the active list, the panel is cleared,
    and she finds them again under Closed, Ended and All, with their meetings and notes, nothing to change."""
    from westem_desktop.core.cycle import advance, set_notes
    from westem_desktop.core.meetings import log_meeting
    from westem_desktop.ui.dialogs.end_pair_dialog import EndPairDialog

    window = make_window()
    start = dt.date.today() - dt.timedelta(days=60)
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort")).id
        ids = {}
        for name, role in (("Astrid", "mentor"), ("Saga", "mentee"), ("Britt", "mentor"), ("Tove", "mentee")):
            ids[name] = people.create_participant(
                session, pid, people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se")
            ).id
        closing = create_pair(session, ids["Saga"], ids["Astrid"], style="flash", today=start).id
        ending = create_pair(session, ids["Tove"], ids["Britt"], today=start).id
        log_meeting(session, closing, start + dt.timedelta(days=3), 50, topics="First goals")
        set_notes(session, closing, 1, "Saga wants an exam plan.")
        advance(session, closing, start + dt.timedelta(days=3), through_negotiation=True)
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(2)
    window.show()
    tab, detail = window.pages[2], window.pages[2].detail
    assert [tab.status_filter.itemText(i) for i in range(4)] == [
        "Active pairs (2)",
        "Closed pairs (0)",
        "Ended pairs (0)",
        "All pairs (2)",
    ]

    # Close Saga's pair through the panel.
    tab.select_pair(closing)
    assert detail.heading.text() == "Astrid and Saga" and detail.close_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    detail.close_button.click()
    assert detail.match_id is None and detail.heading.text() == "Choose a pair in the list"
    assert detail.pages[1]["notes"].toPlainText() == ""
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["Tove"]

    # End Tove's pair on the Matches tab while the Cycle tab shows it: it leaves the list and the panel.
    tab.select_pair(ending)
    assert detail.match_id == ending
    matches = window.pages[1]
    window.tabs.setCurrentIndex(1)
    proxy = matches.pairs_proxy
    matches.pairs_view.selectRow(next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == str(ending)))

    def end(dialog: EndPairDialog) -> int:
        dialog.reason.setPlainText("Moved abroad")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EndPairDialog, "exec", end)
    matches.end_button.click()
    window.tabs.setCurrentIndex(2)
    assert tab.model.rowCount() == 0 and detail.match_id is None
    assert tab.stack.currentWidget() is tab.content
    assert tab.status_filter.itemText(1) == "Closed pairs (1)" and tab.status_filter.itemText(2) == "Ended pairs (1)"

    # Closed: the pair's meetings and notes are there to read; nothing can be moved, ticked or logged.
    tab.status_filter.setCurrentIndex(1)
    assert [tab.model.index(r, 7).data() for r in range(tab.model.rowCount())] == ["Closed"]
    tab.view.selectRow(0)
    assert detail.heading.text() == "Astrid and Saga"
    assert "closed on" in detail.status.text() and "no longer active" in detail.status.text()
    assert detail.meetings.rowCount() == 1 and detail.meetings.item(0, 4).text() == "First goals"
    assert detail.pages[1]["notes"].toPlainText() == "Saga wants an exam plan."
    assert detail.pages[1]["notes"].isReadOnly() and detail.pages[1]["save"].isHidden()  # on the Notes page
    buttons = (detail.next_button, detail.both_button, detail.back_button, detail.close_button, detail.log_button)
    assert not any(button.isEnabled() for button in buttons)
    assert not any(box.isEnabled() for box, _when in detail.pages[1]["boxes"].values())

    # Ended: the reason is shown. All: both, with their status.
    tab.status_filter.setCurrentIndex(2)
    tab.view.selectRow(0)
    assert detail.heading.text() == "Britt and Tove" and "Moved abroad" in detail.status.text()
    tab.status_filter.setCurrentIndex(3)
    assert sorted(tab.model.index(r, 7).data() for r in range(tab.model.rowCount())) == ["Closed", "Ended"]
    assert detail.heading.text() == "Britt and Tove"  # still listed, still shown

    # Filtered out: back to the active pairs, where neither is, and the panel is cleared.
    tab.status_filter.setCurrentIndex(0)
    assert detail.match_id is None and detail.meetings.rowCount() == 0


def test_a_future_meeting_cannot_be_logged_as_held(window, monkeypatch) -> None:
    tab = window.pages[2]
    tab.view.selectRow(0)
    errors = []

    def log(dialog: MeetingDialog) -> int:
        dialog.date.setDate(QDate(dt.date.today() + dt.timedelta(days=3)))
        dialog.accept()
        errors.append(dialog.error.text())
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", log)
    tab.detail.log_button.click()
    assert errors == ["A meeting that took place cannot be in the future; plan it instead."]
    with window.db.session() as session:
        assert session.scalar(select(Meeting.id)) is None


def dates_at(tab, row: int) -> str:
    return tab.model.index(row, 6).data()


def test_phase_filter_and_language(make_window, switcher) -> None:
    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=80, seed=6, today=dt.date(2026, 11, 22)).id
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(2)
    window.show()
    tab = window.pages[2]
    total = tab.model.rowCount()
    tab.phase_filter.setCurrentIndex(3)
    assert 0 < tab.model.rowCount() < total
    assert {tab.model.index(r, 2).data()[:1] for r in range(tab.model.rowCount())} == {"3"}
    switcher.apply("nl")
    assert tab.phase_filter.itemText(3).startswith("Activering")
    assert tab.detail.phases.tabText(3) == "4. Afsluiting"
    tab.phase_filter.setCurrentIndex(0)
    hours = [tab.model.index(r, 5).data() for r in range(tab.model.rowCount())]
    dates = [tab.model.index(r, 6).data() for r in range(tab.model.rowCount())]
    assert any("," in h for h in hours) and not any("." in h for h in hours)  # 1,5 in Dutch
    assert all(re.fullmatch(r"\d{1,2} [a-z]{3} \d{4}", d) for d in dates if d)  # 7 mrt 2026, never ISO
    tab.model.sort(5, Qt.SortOrder.DescendingOrder)  # by hours as numbers, not as texts
    shown = [float(tab.model.index(r, 5).data().replace(",", ".")) for r in range(tab.model.rowCount())]
    assert shown == sorted(shown, reverse=True)
    tab.model.sort(6, Qt.SortOrder.AscendingOrder)  # by date, not by day of the month
    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    days = [
        dt.date(int(year), months.index(month) + 1, int(day))
        for r in range(tab.model.rowCount())
        if (d := dates_at(tab, r))
        for day, month, year in [d.split()]
    ]
    assert days == sorted(days) and days[0] < days[-1]


def test_meeting_plan_editing_and_calendar_export(window, monkeypatch, tmp_path) -> None:
    from PySide6.QtWidgets import QFileDialog

    from westem_desktop.ui.dialogs.plan_dialog import PlanDialog

    tab = window.pages[2]
    tab.view.selectRow(0)

    def choose_plan(dialog: PlanDialog) -> int:
        dialog.plan.setCurrentIndex(dialog.plan.findData("first_year_five_meetings"))
        dialog.start.setDate(QDate(dt.date.today()))
        assert dialog.steps.text().count("\n") == 4  # five meetings shown before they are made
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PlanDialog, "exec", choose_plan)
    tab.plan_button.click()
    detail = tab.detail
    assert detail.meetings.rowCount() == 5
    assert "0 meetings held" in detail.meeting_stats.text() and "5 planned" in detail.meeting_stats.text()

    # The first planned meeting took place (earlier than planned): change it by double-clicking.
    row = next(r for r in range(5) if "Culture" in detail.meetings.item(r, 4).text())

    def took_place(dialog: MeetingDialog) -> int:
        assert dialog.windowTitle() == "Edit the meeting" and not dialog.held.isChecked()
        dialog.held.setChecked(True)
        dialog.date.setDate(QDate(dt.date.today()))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", took_place)
    detail.meetings.cellDoubleClicked.emit(row, 0)
    assert "1 meeting held" in detail.meeting_stats.text() and "4 planned" in detail.meeting_stats.text()

    target = tmp_path / "meetings.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.export_calendar()
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 4
    sheet = tmp_path / "meetings.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(sheet), ""))
    tab.export_meetings()
    assert sheet.stat().st_size > 0
