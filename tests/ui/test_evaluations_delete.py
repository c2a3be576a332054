"""Deleting the answers of an entered evaluation form in the Evaluations tab (issue 19): asked first,
naming the form and the person who filled it in; by the button, the Delete key or the list's context
menu; the form is outstanding again, and Edit ▸ Undo, named after her, brings the same answers back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from westem_desktop.core.evaluations import record
from westem_desktop.core.models import Evaluation

ANSWERS = {"goals_met": "Two of three", "sessions": 6, "quality": 4, "recommend": 1}


@pytest.fixture
def window(make_window):
    """One closed pair, Astrid Berg and Åsa Öberg; the mentee's final evaluation is entered."""
    from westem_desktop.core import participants as people
    from westem_desktop.core.cycle import advance, close_pair
    from westem_desktop.core.pairs import create_pair
    from westem_desktop.core.programmes import ProgrammeSettings, create_programme

    window = make_window()
    start = dt.date.today() - dt.timedelta(days=120)
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort")).id
        mentor, mentee = (
            people.create_participant(session, pid, people.ParticipantData(role, name, f"{email}@uu.se")).id
            for role, name, email in (("mentor", "Astrid Berg", "astrid"), ("mentee", "Åsa Öberg", "asa"))
        )
        match_id = create_pair(session, mentee, mentor, today=start).id
        for days in (7, 30, 90):
            advance(session, match_id, start + dt.timedelta(days=days))
        close_pair(session, match_id, start + dt.timedelta(days=100))
        record(session, match_id, "final", "mentee", ANSWERS, submitted_on=start + dt.timedelta(days=101))
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(4)
    window.show()
    tab = window.pages[4]
    tab.state_filter.setCurrentIndex(tab.state_filter.findData("all"))
    return window


def final_row(tab, role: str, title: str = "Final evaluation") -> int:
    return next(
        r
        for r in range(tab.model.rowCount())
        if tab.model.index(r, 3).data() == title and tab.model.index(r, 4).data() == role
    )


def select_form(tab, role: str, title: str = "Final evaluation") -> None:
    tab.view.selectRow(final_row(tab, role, title))
    QApplication.processEvents()


def saved(window) -> dict[str, object] | None:
    with window.db.reading() as session:
        form = session.scalars(select(Evaluation).where(Evaluation.respondent_role == "mentee")).one_or_none()
        return None if form is None else {a.question_key: a.text or a.number for a in form.answers}


def state_of(tab, role: str) -> str:
    return tab.model.index(final_row(tab, role), 5).data()


class Asked(list):
    """The confirmations asked; each is answered ``answer[0]``."""

    answer: list[QMessageBox.StandardButton]


@pytest.fixture
def asked(monkeypatch) -> Asked:
    """The confirmations asked, each answered Yes (until a test says otherwise)."""
    questions = Asked()
    answer = [QMessageBox.StandardButton.Yes]

    def question(_parent, _title, text, *args):
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    questions.answer = answer
    return questions


def test_the_delete_key_asks_deletes_and_edit_undo_names_and_brings_back(window, qtbot, asked) -> None:
    tab = window.pages[4]
    select_form(tab, "Mentee")
    assert tab.delete_button.isEnabled() and state_of(tab, "Mentee") == "Entered"
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked == [
        "Delete the answers that Åsa Öberg (mentee) gave on “Final evaluation” of pair 1? The form is "
        "outstanding again; Ctrl+Z brings the answers back."
    ]
    assert saved(window) is None and state_of(tab, "Mentee") == "Outstanding"
    assert tab.counts.text() == "0 forms entered · 4 forms outstanding"  # the final and the midpoint forms
    assert window.act_undo.text() == "&Undo delete of the answers of Åsa Öberg" and window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert saved(window) == ANSWERS and state_of(tab, "Mentee") == "Entered"
    assert window.act_redo.text() == "&Redo delete of the answers of Åsa Öberg"
    window.act_redo.trigger()
    assert saved(window) is None


def test_the_button_and_the_context_menu_do_the_same_and_no_keeps_the_answers(window, asked) -> None:
    tab = window.pages[4]
    select_form(tab, "Mentee")
    asked.answer[0] = QMessageBox.StandardButton.No
    tab.delete_button.click()
    assert len(asked) == 1 and saved(window) == ANSWERS and not window.act_undo.isEnabled()
    asked.answer[0] = QMessageBox.StandardButton.Yes
    assert tab.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    (menu_item,) = tab.view.actions()
    assert menu_item.text() == "&Delete the answers…" and menu_item.isEnabled()
    menu_item.trigger()
    assert saved(window) is None


def test_an_outstanding_form_has_nothing_to_delete(window, qtbot, asked) -> None:
    tab = window.pages[4]
    select_form(tab, "Mentor")
    assert not tab.delete_button.isEnabled() and not tab.delete_action.isEnabled()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked == [] and saved(window) == ANSWERS


def test_undo_after_the_form_was_entered_again_says_so_and_keeps_the_new_answers(window, asked, monkeypatch) -> None:
    tab = window.pages[4]
    select_form(tab, "Mentee")
    tab.delete_answers()
    select_form(tab, "Mentee")
    tab.fields["quality"].setValue(2)
    assert tab.save_and_next()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    window.act_undo.trigger()
    assert warned == [
        "“Final evaluation” of pair 1 (filled in by the mentee) cannot come back: it was entered again since, "
        "and those answers are kept."
    ]
    assert saved(window) == {"quality": 2}


def test_in_dutch_the_button_and_the_edit_menu_speak_dutch(window, switcher, asked) -> None:
    switcher.apply("nl")
    tab = window.pages[4]
    select_form(tab, "Mentee", "Eindevaluatie")
    assert tab.delete_button.text() == "&Antwoorden verwijderen…"
    tab.delete_button.click()
    assert asked[0].startswith("De antwoorden verwijderen die Åsa Öberg (mentee) gaf op “Eindevaluatie” van koppel 1?")
    assert window.act_undo.text() == "&Ongedaan maken: de antwoorden van Åsa Öberg verwijderen"
