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
