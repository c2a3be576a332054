"""The Matches tab: pairs and free people side by side, pairing by hand, style, ending, suggestions, requests."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import func, select

from westem_desktop.core import participants as people
from westem_desktop.core.models import Match, MentorRequest
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.ui.dialogs.end_pair_dialog import EndPairDialog
from westem_desktop.ui.dialogs.requests_dialog import RequestsDialog
from westem_desktop.ui.dialogs.suggestions_dialog import SuggestionsDialog
from westem_desktop.ui.models.roles import ID_ROLE


@pytest.fixture
def window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort", default_style="traditional")).id
        for name, role, capacity, langs in (
            ("Astrid", "mentor", 1, ["sv"]),
            ("Ingrid", "mentor", 2, ["sv", "en"]),
            ("Saga", "mentee", 1, ["sv"]),
            ("Elin", "mentee", 1, ["en"]),
            ("Noor", "mentee", 1, ["nl"]),
        ):
            people.create_participant(
                session,
                pid,
                people.ParticipantData(
                    role=role, name=name, email=f"{name.lower()}@uu.se", capacity=capacity, languages=langs
                ),
            )
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(1)
    window.show()
    return window


def pick(view, name: str) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name or model.index(row, 1).data() == name:
            view.selectionModel().select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
    raise AssertionError(f"{name} not in the list")


def column(view, col: int) -> list[str]:
    return [view.model().index(r, col).data() for r in range(view.model().rowCount())]


def test_pair_by_hand_change_style_and_end_without_blame(window, monkeypatch) -> None:
    tab = window.pages[1]
    assert column(tab.mentees_view, 0) == ["Elin", "Noor", "Saga"]
    assert column(tab.mentors_view, 0) == ["Astrid", "Ingrid"]
    pick(tab.mentees_view, "Saga")
    pick(tab.mentors_view, "Astrid")
    assert tab.pair_button.isEnabled()
    tab.pair_button.click()
    assert column(tab.pairs_view, 1) == ["Astrid"] and column(tab.pairs_view, 2) == ["Saga"]
    assert column(tab.mentors_view, 0) == ["Ingrid"]  # Astrid's only place is taken
    assert window.overview.active_pairs == 1
    assert window.pages[0].proxy.rowCount() == 5

    pick(tab.mentees_view, "Elin")
    pick(tab.mentors_view, "Ingrid")
    tab.pair_button.click()
    pick(tab.pairs_view, "Ingrid")
    tab.style_button.click()
    assert "Flash mentoring" in column(tab.pairs_view, 4)

    monkeypatch.setattr(EndPairDialog, "exec", lambda d: (d.reason.setPlainText("Timing"), d.accept(), d.result())[2])
    pick(tab.pairs_view, "Astrid")
    tab.end_button.click()
    assert column(tab.pairs_view, 1) == ["Ingrid"]  # only active pairs are shown
    tab.only_active.setChecked(False)
    assert sorted(column(tab.pairs_view, 3)) == ["Active", "Ended"]
    assert "Astrid" in column(tab.mentors_view, 0)  # the place is free again
    with window.db.session() as session:
        ended = session.scalar(select(Match).where(Match.status == "ended"))
        assert ended.termination_reason == "Timing" and ended.ended_on == dt.date.today()


def test_a_refused_pair_is_explained_and_nothing_changes(window) -> None:
    tab = window.pages[1]
    pick(tab.mentees_view, "Saga")
    pick(tab.mentors_view, "Astrid")
    tab.pair_button.click()
    with window.db.session() as session:
        saga = session.scalar(select(Match.mentee_id))
    pairs_before = column(tab.pairs_view, 0)
    pick(tab.mentors_view, "Ingrid")
    tab.mentees_view.selectionModel().clearSelection()
    tab._change_pairs(lambda session: create_pair(session, saga, tab.mentors_model.source_row(0).id))
    assert "already has a mentor" in tab.message.text()
    assert column(tab.pairs_view, 0) == pairs_before
    with window.db.session() as session:
        assert session.scalar(select(func.count(Match.id))) == 1


def computed(qtbot, dialog: SuggestionsDialog) -> SuggestionsDialog:
    """The dialog once its worker has worked out the suggestions."""
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=10_000)
    return dialog


def test_suggestions_explain_lock_and_apply(window, qtbot) -> None:
    dialog = computed(qtbot, SuggestionsDialog(window.actions, window.programme_id, window))
    pairs = {(dialog.table.item(r, 2).text(), dialog.table.item(r, 3).text()) for r in range(dialog.table.rowCount())}
    assert ("Noor", "Astrid") not in pairs and ("Noor", "Ingrid") not in pairs  # no shared language
    assert "Shared language 30" in dialog.table.item(0, 5).text()
    unmatched = {
        dialog.unmatched.item(r, 0).text(): dialog.unmatched.item(r, 1).text()
        for r in range(dialog.unmatched.rowCount())
    }
    assert unmatched["Noor"] == "No mentor with a free place meets the must-have: Shared language."
    assert not dialog.unmatched.isHidden()
    dialog.why_mentee.setCurrentIndex(dialog.why_mentee.findText("Noor"))
    dialog.why_mentor.setCurrentIndex(dialog.why_mentor.findText("Astrid"))
    dialog.explain()
    assert dialog.why_answer.text() == "A must-have criterion is not met: Shared language."
    dialog.level_boxes["language"].setCurrentIndex(dialog.level_boxes["language"].findData("low"))
    dialog.run()
    computed(qtbot, dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.unmatched.rowCount() == 0 and dialog.unmatched.isHidden()
    dialog.apply()
    assert len(column(window.pages[1].pairs_view, 0)) == 3
    with window.db.session() as session:
        assert session.scalars(select(Match.initiated_by)).all() == ["suggestion"] * 3


def test_suggestions_are_ticked_space_unticks_and_only_the_ticked_are_created(window, qtbot) -> None:
    from westem_desktop.ui.dialogs.suggestions_dialog import KEEP, MENTEE, TAKE

    dialog = computed(qtbot, SuggestionsDialog(window.actions, window.programme_id, window))
    dialog.level_boxes["language"].setCurrentIndex(dialog.level_boxes["language"].findData("low"))
    dialog.run()
    computed(qtbot, dialog)
    rows = dialog.table.rowCount()
    assert rows == 3
    assert all(dialog.table.item(r, TAKE).checkState() == Qt.CheckState.Checked for r in range(rows))
    assert "not declined" in dialog.table.horizontalHeaderItem(TAKE).toolTip()
    assert "Suggest again" in dialog.table.horizontalHeaderItem(KEEP).toolTip()
    assert "not declined" in dialog.help.text()
    assert dialog.accept_button.text() == "Create the ticked pairs"
    left_out = dialog.table.item(1, MENTEE).text()
    dialog.table.setCurrentCell(1, MENTEE)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.table.item(1, TAKE).checkState() == Qt.CheckState.Unchecked
    for row in (0, 2):
        dialog.table.setCurrentCell(row, MENTEE)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert not dialog.accept_button.isEnabled()  # nothing ticked: nothing to create
    for row in (0, 2):
        dialog.table.setCurrentCell(row, MENTEE)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.accept_button.isEnabled()
    dialog.apply()
    assert dialog.applied
    pairs = column(window.pages[1].pairs_view, 0)
    assert len(pairs) == 2
    again = computed(qtbot, SuggestionsDialog(window.actions, window.programme_id, window))
    again.level_boxes["language"].setCurrentIndex(again.level_boxes["language"].findData("low"))
    again.run()
    computed(qtbot, again)
    # Not declined: the one left out is suggested again.
    assert [again.table.item(r, MENTEE).text() for r in range(again.table.rowCount())] == [left_out]


def test_requests_are_recorded_and_answered(window) -> None:
    dialog = RequestsDialog(window.actions, window.programme_id, window)
    dialog.mentee.setCurrentIndex(dialog.mentee.findText("Saga"))
    dialog.choices[0].setCurrentIndex(dialog.choices[0].findText("Ingrid"))
    dialog.choices[1].setCurrentIndex(dialog.choices[1].findText("Astrid"))
    assert dialog.record()
    assert dialog.pending.rowCount() == 2
    assert dialog.pending.item(0, 4).text() == "Waiting for the mentor’s answer"
    dialog.pending.selectRow(1)  # Saga's second choice, Astrid
    dialog.reason.setText("Full this term")
    assert dialog.answer(False)
    dialog.pending.selectRow(0)
    assert dialog.answer(True)
    answers = {dialog.pending.item(r, 2).text(): dialog.pending.item(r, 4).text() for r in range(2)}
    assert answers == {"Ingrid": "Accepted", "Astrid": "Declined: Full this term"} and dialog.changed
    with window.db.session() as session:
        statuses = dict(session.execute(select(MentorRequest.rank, MentorRequest.status)).all())
        assert statuses == {1: "accepted", 2: "declined"}
        assert session.scalar(select(Match.initiated_by)) == "mentee_request"
    dialog.pending.selectRow(0)
    assert not dialog.answer(True)  # an answered request stays listed with its answer, and is answered once
    assert dialog.error.text() == "This request was already answered."
    dialog.pending.clearSelection()
    assert not dialog.answer(True)  # nothing selected
    assert dialog.error.text() == "Choose a request in the list first."


def test_list_models_pass_the_model_tester(window, qtmodeltester) -> None:
    tab = window.pages[1]
    for model in (tab.pairs_model, tab.mentees_model, tab.mentors_model):
        qtmodeltester.check(model, force_py=True)
    assert tab.mentees_model.index(0, 0).data(ID_ROLE) > 0


def test_matches_tab_in_norwegian(window, switcher) -> None:
    tab = window.pages[1]
    switcher.apply("nb")
    assert window.tabs.tabText(1) == "Matching"
    assert tab.suggest_button.text() == "&Foreslå par…"
    assert (
        tab.mentees_model.headerData(0, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal)
        == "Navn"
    )


def test_first_contact_is_ticked_with_its_date(window, monkeypatch) -> None:
    from westem_desktop.ui.dialogs.date_prompt import DatePrompt

    tab = window.pages[1]
    pick(tab.mentees_view, "Saga")
    pick(tab.mentors_view, "Astrid")
    tab.pair_button.click()
    pick(tab.pairs_view, "Astrid")
    day = dt.date.today() - dt.timedelta(days=3)
    monkeypatch.setattr(DatePrompt, "exec", lambda prompt: (prompt.date.setDate(day), prompt.confirm())[1])
    tab.contact_button.click()
    with window.db.session() as session:
        match = session.scalar(select(Match))
        assert (match.first_contact_on, match.start_date) == (day, day)


def test_pairs_are_read_when_the_tab_is_first_shown_and_sort_by_number(make_window) -> None:
    from westem_desktop.core.demo import create_demo

    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=60, seed=4, today=dt.date(2026, 11, 22)).id
    window.load_programmes(pid)
    window.show()
    tab = window.pages[1]
    assert tab.pairs_model.rowCount() == 0  # not on screen yet: nothing read at start-up
    window.tabs.setCurrentIndex(1)
    assert tab.pairs_model.rowCount() > 0
    tab.only_active.setChecked(False)
    tab.pairs_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    ids = [int(i) for i in column(tab.pairs_view, 0)]
    assert ids == sorted(ids)


def test_state_column_one_to_one_and_end_versus_close_are_told_apart(window, switcher) -> None:
    tab = window.pages[1]
    header = [tab.pairs_model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.pairs_model.columnCount())]
    assert header[3] == "State" and "Status" not in header
    for mentee in ("Saga", "Elin"):
        pick(tab.mentees_view, mentee)
        pick(tab.mentors_view, "Ingrid")
        tab.pair_button.click()
    pick(tab.mentees_view, "Noor")
    pick(tab.mentors_view, "Astrid")
    tab.pair_button.click()
    groups = dict(zip(column(tab.pairs_view, 2), column(tab.pairs_view, 7), strict=True))
    assert groups == {"Noor": "1:1", "Saga": "2 mentees", "Elin": "2 mentees"}
    assert "without blame" in tab.end_button.toolTip()
    assert "after phase 4" in tab.end_help.text() and "End pair…" in tab.end_help.text()
    assert tab.end_help.isVisible()
    switcher.apply("sv")
    assert tab.pairs_model.headerData(3, Qt.Orientation.Horizontal) == "Status"
    assert "upplöses" in tab.end_help.text() and "avslutas" in tab.end_help.text()
    assert "(Upplös paret…)" in tab.end_help.text()
    assert "utan skuld" in tab.end_button.toolTip()


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_states_styles_phases_and_dates_are_whole_in_every_language(make_window, switcher, language) -> None:
    """The pairs' state, style, phase and start are never elided (the group takes the room left), and the
    mentors' names and fields share the room the languages and the count of free places do not need: on a
    1280×720 laptop."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QStyle

    from westem_desktop.core.demo import create_demo

    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=40, seed=2, today=dt.date.today()).id
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(1)
    window.show()
    switcher.apply(language)
    window.resize(1264, 680)
    for _ in range(3):
        QApplication.processEvents()
    tab = window.pages[1]
    view, metrics = tab.pairs_view, tab.pairs_view.fontMetrics()
    model = view.model()
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for col in (3, 4, 5, 6):
            text = model.index(row, col).data()
            assert metrics.horizontalAdvance(text) <= view.columnWidth(col) - 8, text
    assert view.horizontalScrollBar().maximum() == 0
    # The mentors with free places: every title and name whole, the fields wider than the count of free
    # places, and the columns filling the table without scrolling it sideways.
    mentors = tab.mentors_view
    header, titles = mentors.horizontalHeader(), mentors.model()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    for column in range(4):
        title = titles.headerData(column, Qt.Orientation.Horizontal)
        room = header.sectionSize(column) - 2 * margin - (arrow + margin) * (header.sortIndicatorSection() == column)
        assert header.fontMetrics().horizontalAdvance(title) <= room, title
    for row in range(titles.rowCount()):
        name = titles.index(row, 0).data()
        assert mentors.fontMetrics().horizontalAdvance(name) <= mentors.columnWidth(0) - 8, name
    assert header.sectionSize(2) > header.sectionSize(3)
    assert header.length() == mentors.viewport().width()
    assert mentors.horizontalScrollBar().maximum() == 0
