"""The Evaluations tab by keyboard only: digits set ratings, Tab moves, Enter saves and opens the next form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from westem_desktop.core.demo import create_demo
from westem_desktop.core.models import Evaluation, EvaluationAnswer
from westem_desktop.ui.dialogs.pdf_preview import PdfPreview


@pytest.fixture
def window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=40, seed=12, today=dt.date.today()).id
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(4)
    window.show()
    return window


def test_entering_a_session_form_by_keyboard(window, qtbot) -> None:
    tab = window.pages[4]
    outstanding = tab.model.rowCount()
    assert outstanding > 0 and tab.counts.text().endswith(f" entered · {outstanding} forms outstanding")
    session_row = next(r for r in range(outstanding) if tab.model.index(r, 3).data().startswith("Evaluation of the"))
    tab.view.selectRow(session_row)
    form = tab.current_form()
    assert list(tab.fields) == ["usefulness", "atmosphere", "goal_progress", "reflection"]
    first = tab.fields["usefulness"]
    assert first.lineEdit().selectedText() == "1–5"  # the scale; the first digit typed replaces it
    first.setFocus()  # the offscreen window is not active, so focus is given explicitly
    first.selectAll()
    qtbot.keyClicks(first, "4")
    qtbot.keyClick(tab.fields["usefulness"], Qt.Key.Key_Tab)
    qtbot.keyClicks(tab.focusWidget(), "5")
    qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(tab.focusWidget(), "3")
    qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(tab.focusWidget(), "We planned the exam weeks.")
    qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Return)
    assert tab.model.rowCount() == outstanding - 1
    with window.db.session() as session:
        saved = session.scalars(
            select(Evaluation).where(
                Evaluation.match_id == form.match_id,
                Evaluation.meeting_id == form.meeting_id,
                Evaluation.respondent_role == form.role,
            )
        ).one()
        answers = {a.question_key: (a.number, a.text) for a in saved.answers}
    assert answers == {
        "usefulness": (4, ""),
        "atmosphere": (5, ""),
        "goal_progress": (3, ""),
        "reflection": (None, "We planned the exam weeks."),
    }
    assert tab.current_form() is not None  # the next outstanding form is open


def test_an_empty_form_is_refused_and_nothing_saved(window) -> None:
    tab = window.pages[4]
    tab.view.selectRow(0)
    with window.db.session() as session:
        before = session.scalar(select(func.count()).select_from(EvaluationAnswer))
    assert not tab.save_and_next()
    assert tab.error.text() == "The form has no answers."
    with window.db.session() as session:
        assert session.scalar(select(func.count()).select_from(EvaluationAnswer)) == before


def test_report_on_the_tab_and_exported(window, tmp_path: Path) -> None:
    tab = window.pages[4]
    tab.inner.setCurrentIndex(1)
    assert tab.report_document.pageCount() >= 1
    pdf = tab.export_report("pdf", tmp_path / "report.pdf")
    assert "Programme report" in PdfReader(pdf).pages[0].extract_text()
    assert tab.export_report("xlsx", tmp_path / "report.xlsx").stat().st_size > 0


def test_blank_paper_forms(window, tmp_path: Path, monkeypatch) -> None:
    tab = window.pages[4]
    tab.view.selectRow(0)
    tab.forms_kind.setCurrentIndex(tab.forms_kind.findData("final"))
    tab.forms_scope.setCurrentIndex(tab.forms_scope.findData(3))  # every pair in activation

    def save(dialog: PdfPreview) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("nl"))
        dialog.save_to(tmp_path / "forms.pdf")
        return 0

    monkeypatch.setattr(PdfPreview, "exec", save)
    tab.paper_forms()
    reader = PdfReader(tmp_path / "forms.pdf")
    assert len(reader.pages) >= 2
    assert "Eindevaluatie" in reader.pages[0].extract_text()


def saved_answers(window, form) -> dict[str, tuple[int | None, str]] | None:
    with window.db.session() as session:
        saved = session.scalars(
            select(Evaluation).where(
                Evaluation.match_id == form.match_id,
                Evaluation.instrument == form.instrument,
                Evaluation.respondent_role == form.role,
            )
        ).one_or_none()
        return None if saved is None else {a.question_key: (a.number, a.text) for a in saved.answers}


@pytest.fixture
def closed_pair_window(make_window):
    """A programme with one closed pair: its final evaluations are outstanding."""
    from westem_desktop.core import participants as people
    from westem_desktop.core.cycle import advance, close_pair
    from westem_desktop.core.pairs import create_pair
    from westem_desktop.core.programmes import ProgrammeSettings, create_programme

    window = make_window()
    start = dt.date.today() - dt.timedelta(days=120)
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort")).id
        mentor, mentee = (
            people.create_participant(session, pid, people.ParticipantData(role, name, f"{name}@uu.se")).id
            for role, name in (("mentor", "Astrid"), ("mentee", "Saga"))
        )
        match_id = create_pair(session, mentee, mentor, today=start).id
        for days in (7, 30, 90):
            advance(session, match_id, start + dt.timedelta(days=days))
        close_pair(session, match_id, start + dt.timedelta(days=100))
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(4)
    window.show()
    return window


def final_form(tab) -> None:
    from PySide6.QtWidgets import QApplication

    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 3).data() == "Final evaluation")
    tab.view.selectRow(row)
    QApplication.processEvents()  # the new fields are shown from the event loop, as in the application


def test_enter_saves_from_the_last_field_a_yes_no_choice(closed_pair_window, qtbot) -> None:
    """The final evaluation ends with a yes/no choice: Enter there saves, as the button promises."""
    window = closed_pair_window
    tab = window.pages[4]
    outstanding = tab.model.rowCount()
    final_form(tab)
    form = tab.current_form()
    last = list(tab.fields.values())[-1]
    assert list(tab.fields)[-1] == "recommend" and last.currentText() == "–"
    assert tab.save_button.text() == "&Save and next (Enter)"
    tab.fields["goals_met"].setText("Exam plan, a study group")
    tab.fields["quality"].setFocus()
    tab.fields["quality"].selectAll()
    qtbot.keyClicks(tab.fields["quality"], "4")
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Down)  # the choice moves from "–" to "Yes" without opening the list
    assert last.currentText() == "Yes"
    qtbot.keyClick(last, Qt.Key.Key_Return)
    assert saved_answers(window, form) == {
        "goals_met": (None, "Exam plan, a study group"),
        "quality": (4, ""),
        "recommend": (1, ""),
    }
    assert tab.model.rowCount() == outstanding - 1


@pytest.mark.parametrize("field", ["sessions", "quality", "submittedOn"])
def test_enter_saves_from_a_number_or_the_date(closed_pair_window, qtbot, field: str) -> None:
    window = closed_pair_window
    tab = window.pages[4]
    final_form(tab)
    form = tab.current_form()
    tab.fields["sessions"].setValue(6)
    widget = tab.fields.get(field) or tab.submitted
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert saved_answers(window, form) == {"sessions": (6, "")}


def test_a_refused_value_is_explained_under_its_field(closed_pair_window, qtbot) -> None:
    """A rating of 7 copied from a paper form: the field takes the digit, Enter is refused with the reason
    under that field, the cursor goes back there, and nothing is saved until it is put right."""
    window = closed_pair_window
    tab = window.pages[4]
    final_form(tab)
    form = tab.current_form()
    quality = tab.fields["quality"]
    quality.setFocus()
    quality.selectAll()
    qtbot.keyClicks(quality, "7")
    assert quality.value() == 7
    qtbot.keyClick(quality, Qt.Key.Key_Return)
    problem = tab.problems["quality"]
    assert problem.text() == "A rating is a number from 1 to 5." and not problem.isHidden()
    assert all(p.isHidden() for key, p in tab.problems.items() if key != "quality")
    assert tab.focusWidget() is quality and quality.lineEdit().selectedText() == "7"
    assert saved_answers(window, form) is None and tab.current_form() == form

    qtbot.keyClicks(quality, "5")  # the selected 7 is replaced
    qtbot.keyClick(quality, Qt.Key.Key_Return)
    assert saved_answers(window, form) == {"quality": (5, "")}
    assert tab.current_form() != form and not any(p.isVisibleTo(tab) for p in tab.problems.values())


def listed(tab, column: int) -> list[str]:
    return [tab.model.index(r, column).data() for r in range(tab.model.rowCount())]


def test_search_and_filters_narrow_the_list_and_the_form_follows(window, qtbot) -> None:
    tab = window.pages[4]
    every = tab.model.rowCount()
    assert (
        set(listed(tab, 5)) == {"Outstanding"}
        and tab.list_count.text() == f"{every} of {tab.rows_model.rowCount()} forms listed"
    )
    mentor = tab.model.index(0, 1).data()
    tab.search.setText(mentor.split()[0])  # as typed (QTest types ASCII only; the demo names are not)
    assert 0 < tab.model.rowCount() < every
    assert all(
        mentor.split()[0].casefold() in " ".join(row).casefold()
        for row in zip(*(listed(tab, c) for c in range(5)), strict=True)
    )
    tab.search.clear()
    tab.form_filter.setCurrentIndex(tab.form_filter.findText("Final evaluation"))
    assert set(listed(tab, 3)) <= {"Final evaluation"}
    tab.form_filter.setCurrentIndex(tab.form_filter.findText("Evaluation of the session"))
    tab.role_filter.setCurrentIndex(tab.role_filter.findText("Mentee"))
    assert tab.model.rowCount() and set(listed(tab, 4)) == {"Mentee"}
    assert all(text.startswith("Evaluation of the session, ") for text in listed(tab, 3))
    pair = tab.model.index(0, 0).data()
    tab.pair_filter.setCurrentIndex(tab.pair_filter.findData(int(pair)))
    assert set(listed(tab, 0)) == {pair}
    assert tab.current_form().match_id == int(pair) and tab.current_form().role == "mentee"  # the form follows
    tab.search.setText("no such name at all")
    assert tab.model.rowCount() == 0 and tab.current_form() is None and not tab.save_button.isEnabled()


def test_an_entered_form_is_found_with_its_answers(window, qtbot) -> None:
    tab = window.pages[4]
    tab.form_filter.setCurrentIndex(tab.form_filter.findText("Evaluation of the session"))
    form = tab.current_form()
    tab.fields["usefulness"].setValue(4)
    tab.fields["reflection"].setText("Good talk")
    assert tab.save_and_next()
    tab.state_filter.setCurrentIndex(tab.state_filter.findText("Entered"))
    tab.pair_filter.setCurrentIndex(tab.pair_filter.findData(form.match_id))
    assert set(listed(tab, 5)) == {"Entered"}
    row = next(
        r
        for r in range(tab.model.rowCount())
        if tab.model.index(r, 3).data() == tab._form_name(form, "medium")
        and tab.model.index(r, 4).data() == ("Mentor" if form.role == "mentor" else "Mentee")
    )
    tab.view.selectRow(row)
    assert tab.fields["usefulness"].value() == 4 and tab.fields["reflection"].text() == "Good talk"
    assert "saving replaces it" in tab.form_title.text()


def test_session_forms_carry_the_meetings_date_in_the_languages_form(window, switcher) -> None:
    from westem_desktop.i18n import format_date

    tab = window.pages[4]
    form = next(
        tab.model.sourceModel().source_row(r)[1]
        for r in range(tab.rows_model.rowCount())
        if tab.model.sourceModel().source_row(r)[1].meeting_date
    )
    day = form.meeting_date
    assert tab._form_name(form) == f"Evaluation of the session, {day.day} {day:%B} {day.year}"
    switcher.apply("nl")
    assert tab._form_name(form) == f"Evaluatie van de sessie, {format_date(day, language='nl')}"
    assert format_date(day, language="nl").endswith(str(day.year)) and "-" not in format_date(day, language="nl")
    # The list gives the date as the other lists do, short enough for the form to be read whole on a laptop.
    listed_forms = {tab.rows_model.index(r, 3).data() for r in range(tab.rows_model.rowCount())}
    assert f"Evaluatie van de sessie, {format_date(day, 'medium', language='nl')}" in listed_forms


def test_ratings_show_their_scale_and_a_wrong_digit_is_said_at_once(window, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    tab = window.pages[4]
    tab.form_filter.setCurrentIndex(tab.form_filter.findText("Evaluation of the session"))
    scale = tab.form_area.findChild(QLabel, "usefulnessScale")
    assert scale is not None and scale.isVisible()
    assert scale.text() == "1 = not at all … 5 = very useful"
    assert tab.form_area.findChild(QLabel, "atmosphereScale").text() == "1 = very poor … 5 = very good"
    field = tab.fields["usefulness"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "7")
    problem = tab.problems["usefulness"]
    assert problem.isVisible() and problem.text() == "7 is not on the scale: type a digit from 1 to 5."
    field.selectAll()
    qtbot.keyClicks(field, "4")
    assert not problem.isVisible()


def test_filtering_a_large_programme_is_fast(make_window, qtbot) -> None:
    import time

    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=400, seed=3, today=dt.date.today()).id
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(4)
    window.resize(1280, 720)
    window.show()
    tab = window.pages[4]
    tab.state_filter.setCurrentIndex(tab.state_filter.findText("Entered or outstanding"))
    assert tab.rows_model.rowCount() > 1500
    start = time.perf_counter()
    tab.search.setText(tab.model.index(5, 2).data())
    tab.role_filter.setCurrentIndex(tab.role_filter.findText("Mentor"))
    tab.search.clear()
    assert time.perf_counter() - start < 1.0
    assert window.width() <= 1280 and window.height() <= 720


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_the_respondent_and_state_columns_show_their_words_whole(window, switcher, language) -> None:
    """The words "Outstanding" or "Entered", "Mentor" or "Mentee" and every demo name are never elided, in any
    language, while the form's name takes the room left and, cut, still shows its date at its end (the list as
    the window first opens on a 1280×720 laptop)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

    from westem_desktop.ui.tabs.evaluations import STATES

    switcher.apply(language)
    tab = window.pages[4]
    tab.state_filter.setCurrentIndex([state for state, _text in STATES].index("all"))
    window.resize(1264, 680)
    for _ in range(3):
        QApplication.processEvents()
    view, metrics = tab.view, tab.view.fontMetrics()
    shown = {1: set(), 2: set(), 4: set(), 5: set()}
    for row in range(tab.model.rowCount()):
        for column, words in shown.items():
            words.add(tab.model.index(row, column).data())
    assert len(shown[4]) == 2 and len(shown[5]) == 2, shown
    for column, words in shown.items():
        for word in words:
            assert metrics.horizontalAdvance(word) <= view.columnWidth(column) - 8, word
    assert view.horizontalScrollBar().maximum() == 0
    option = QStyleOptionViewItem()
    view.itemDelegateForColumn(3).initStyleOption(option, tab.model.index(0, 3))
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle  # a cut form's name ends with its date
