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
    assert first.lineEdit().selectedText() == "–"  # the first digit typed replaces the blank
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
