"""A season through the real widgets, in Swedish, as a coordinator does it (issue 15): import, a request,
pairing by hand, a flash pair through the cycle, a meeting refused and logged, evaluations, closing, an
agreement signed and edited, ending a pair, re-enrolling, erasing a person. Each step is checked on the
screens that show it; the core season test checks the same rules without Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from westem_desktop.core.models import Agreement, Match, MentorRequest
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.i18n import format_date, ngettext
from westem_desktop.ui.dialogs.date_prompt import DatePrompt
from westem_desktop.ui.dialogs.end_pair_dialog import EndPairDialog
from westem_desktop.ui.dialogs.import_dialog import ImportDialog
from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog
from westem_desktop.ui.dialogs.requests_dialog import RequestsDialog

TODAY = dt.date.today()

REGISTRATIONS = """Namn;E-post;Roll;Ämnesområde;Stöd;Mötesform;Språk;Kapacitet
Astrid Lindqvist;astrid@uu.se;Mentor;Data/IT;;På campus;svenska, engelska;3
Ingrid Berg;ingrid@uu.se;mentor;Matematik;;Digitalt;sv;1
Saga Holm;saga@uu.se;Adept;Datavetenskap;Karriär;Fysiskt;sv;
Elin Ek;elin@uu.se;adept;IT;Självförtroende, nätverk;Digitalt;sv;
Maja Nyström;maja@uu.se;adept;Matematik;Studier;Båda;sv;
Okänd Adept;okand@uu.se;adept;Alkemi;;;sv;
"""


def column(view, col: int) -> list[str]:
    return [view.model().index(r, col).data() for r in range(view.model().rowCount())]


def pick(view, name: str, col: int = 0) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        if name in (model.index(row, col).data(), model.index(row, 1).data(), model.index(row, 2).data()):
            view.selectionModel().select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
    raise AssertionError(f"{name} is not in the list")


def waiting(window) -> list[str]:
    """The Matches tab's mentees without a mentor."""
    window.tabs.setCurrentIndex(1)
    return sorted(column(window.pages[1].mentees_view, 0))


def test_a_season_through_the_widgets_in_swedish(make_window, switcher, tmp_path: Path, monkeypatch, qtbot) -> None:
    switcher.apply("sv")
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Naturvetare", document_language="sv")).id
    window.load_programmes(pid)
    window.show()

    # -- import: Swedish words recognised, the refused row says which values are allowed -------------
    source = tmp_path / "anmalningar.csv"
    source.write_text(REGISTRATIONS, encoding="utf-8")
    dialog = ImportDialog(window.actions, window.programme_id, window, source)
    qtbot.waitUntil(lambda: not dialog.reading)  # read in a background thread
    dialog.run_import()
    refused = [[dialog.refusals.item(0, c).text() for c in range(3)]]
    assert refused[0][:2] == ["7", "Ämnesområde"] and "Använd något av:" in refused[0][2]
    dialog.accept()
    assert waiting(window) == ["Elin Ek", "Maja Nyström", "Saga Holm"]

    # -- a request, then pairing by hand: the request is answered, visibly ---------------------------
    requests = RequestsDialog(window.actions, window.programme_id, window)
    requests.mentee.setCurrentIndex(requests.mentee.findText("Saga Holm"))
    requests.choices[0].setCurrentIndex(requests.choices[0].findText("Ingrid Berg"))
    assert requests.record()
    requests.accept()
    matches = window.pages[1]
    pick(matches.mentees_view, "Saga Holm")
    pick(matches.mentors_view, "Astrid Lindqvist")
    matches.pair_button.click()
    requests = RequestsDialog(window.actions, window.programme_id, window)
    answers = {requests.pending.item(r, 2).text(): requests.pending.item(r, 4).text() for r in range(1)}
    assert answers == {"Ingrid Berg": "Par med Astrid Lindqvist"}
    requests.accept()

    # -- a group and a flash pair -------------------------------------------------------------------
    pick(matches.mentees_view, "Elin Ek")
    pick(matches.mentors_view, "Astrid Lindqvist")
    matches.pair_button.click()
    pick(matches.mentees_view, "Maja Nyström")
    pick(matches.mentors_view, "Ingrid Berg")
    matches.pair_button.click()
    pick(matches.pairs_view, "Maja Nyström")
    matches.style_button.click()
    assert waiting(window) == []
    with window.db.session() as session:
        flash = session.scalar(select(Match.id).where(Match.style == "flash"))
        sagas = session.scalar(select(Match.id).order_by(Match.id))  # the first pair formed

    # -- the flash pair through the cycle: activation skipped, a meeting refused then logged -----------
    window.tabs.setCurrentIndex(2)
    cycle = window.pages[2]
    cycle.select_pair(flash)
    detail = cycle.detail
    detail.both_button.click()
    assert not detail.phases.isTabEnabled(2) and detail.close_button.isEnabled()
    said: list[str] = []

    def log(dates: list[dt.date]):
        def run(meeting: MeetingDialog) -> int:
            for day in dates:
                meeting.date.setDate(QDate(day))
                meeting.duration.setValue(50)
                meeting.accept()
                said.append(meeting.error.text() if meeting.result() == 0 else "")
            return meeting.result()

        return run

    monkeypatch.setattr(MeetingDialog, "exec", log([TODAY - dt.timedelta(days=3), TODAY]))
    detail.log_button.click()
    assert said == [
        f"Paret bildades den {format_date(TODAY)}; ett möte kan inte dateras före det.",
        "",
    ]
    assert detail.meetings.rowCount() == 1

    # -- closing the flash pair: Maja leaves the pool, Ingrid's place comes back -----------------------
    window.tabs.setCurrentIndex(2)
    cycle.select_pair(flash)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    detail.close_button.click()
    assert detail.match_id is None  # the panel let go of the closed pair
    assert waiting(window) == []
    assert "Ingrid Berg" in column(matches.mentors_view, 0)
    # The closed flash pair owes the final evaluations, and no midpoint reflection: it skipped activation.
    window.tabs.setCurrentIndex(4)
    evaluations = window.pages[4]
    model = evaluations.model
    owed = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    maja = [row for row in owed if any("Maja" in str(cell) for cell in row)]
    assert maja and any("Slututvärdering" in str(row) for row in maja)
    assert not any("halvvägs" in str(row) for row in maja)

    # -- the agreement: signed, then edited after a warning; the signed version stays to print -------
    window.tabs.setCurrentIndex(3)
    agreements = window.pages[3]
    agreements.select_pair(sagas)
    agreements.editor.goal_boxes[0][1].setText("Klara första årets matematik")
    assert agreements.save()
    agreements.signed_on.setDate(QDate(TODAY))
    agreements.mark_signed()
    asked: list[str] = []

    def save_as_new_version(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "exec", save_as_new_version)
    agreements.editor.goal_boxes[1][1].setText("Hitta en praktik")
    assert agreements.save()
    assert asked == [f"Version 1 skrevs under den {format_date(TODAY)}."]
    with window.db.session() as session:
        versions = session.execute(select(Agreement.version, Agreement.status).where(Agreement.match_id == sagas))
        assert sorted(tuple(v) for v in versions) == [(1, "superseded"), (2, "draft")]

    # -- ending Elin's pair without blame; she is re-enrolled for a new round --------------------------
    window.tabs.setCurrentIndex(1)
    pick(matches.pairs_view, "Elin Ek")
    monkeypatch.setattr(
        EndPairDialog, "exec", lambda d: (d.reason.setPlainText("Vi passade inte ihop."), d.accept(), d.result())[2]
    )
    matches.end_button.click()
    assert waiting(window) == []  # ended: out of the pool until re-enrolled
    matches.only_active.setChecked(False)
    pick(matches.pairs_view, "Elin Ek")

    def reenrol(prompt: DatePrompt) -> int:
        prompt.date.setDate(QDate(TODAY))  # paired and ended today: a new round starts tomorrow at the earliest
        prompt.confirm()
        said.append(prompt.error.text())
        prompt.date.setDate(QDate(TODAY + dt.timedelta(days=1)))
        prompt.confirm()
        return prompt.result()

    monkeypatch.setattr(DatePrompt, "exec", reenrol)
    matches.reenrol_button.click()
    assert said[-1] == f"En ny omgång börjar efter dagen då hennes senaste par bildades ({format_date(TODAY)})."
    assert waiting(window) == ["Elin Ek"]

    # -- erasing Astrid: one name for her on every screen --------------------------------------------
    window.tabs.setCurrentIndex(0)
    people = window.pages[0]
    astrid = next(
        people.model.row_at(r).id
        for r in range(people.model.rowCount())
        if people.model.row_at(r).name.startswith("Astrid")
    )
    people._select([astrid])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    people.erase_selected()
    cleaned = ngettext("{n} backup was cleaned as well.", "{n} backups were cleaned as well.", 0).format(n=0)
    assert len(shown) == 1 and cleaned in shown[0]  # the result of the erasure is shown (no backups yet)
    erased = f"Raderad deltagare {astrid}"
    window.tabs.setCurrentIndex(1)
    matches.only_active.setChecked(False)
    assert erased in column(matches.pairs_view, 1)
    window.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    cycle.status_filter.setCurrentIndex(cycle.status_filter.count() - 1)  # all pairs
    assert erased in column(cycle.view, 0)
    with window.db.session() as session:
        assert session.scalars(select(MentorRequest.status)).all() == ["withdrawn"]
