"""The Agreements tab: write, refuse, preview in another language, print, sign, certificates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from westem_desktop.core import participants as people
from westem_desktop.core.cycle import advance, close_pair
from westem_desktop.core.models import Agreement, Certificate
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.i18n import format_date
from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

START = dt.date.today() - dt.timedelta(days=60)


@pytest.fixture
def window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_programme(
            session, ProgrammeSettings(name="Cohort", coordinator_name="Karin Lindqvist", document_language="sv")
        ).id
        ids = {}
        for name, role in (
            ("Łucja Wróblewska", "mentor"),
            ("Nguyễn Thị Hương", "mentee"),
            ("Ingrid", "mentor"),
            ("Elin", "mentee"),
        ):
            ids[name] = people.create_participant(
                session, pid, people.ParticipantData(role=role, name=name, email=f"{len(ids)}@uu.se")
            ).id
        create_pair(session, ids["Nguyễn Thị Hương"], ids["Łucja Wróblewska"], style="traditional", today=START)
        closed = create_pair(session, ids["Elin"], ids["Ingrid"], style="flash", today=START).id
        for _ in range(2):
            advance(session, closed, START)
        close_pair(session, closed, START + dt.timedelta(days=20))
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(3)
    window.show()
    return window


def pick(tab, mentor: str) -> None:
    model = tab.view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == mentor:
            tab.view.selectRow(row)
            return
    raise AssertionError(mentor)


def test_write_refuse_save_sign_and_version(window, monkeypatch) -> None:
    tab = window.pages[3]
    pick(tab, "Łucja Wróblewska")
    assert tab.heading.text() == "Łucja Wróblewska and Nguyễn Thị Hương"
    assert tab.state.text().startswith("No agreement saved yet")
    assert tab.versions.isHidden()
    editor = tab.editor
    editor.goal_boxes[0][1].setText("Pass the first-year mathematics")
    editor.timeline_end.setDate(QDate(START + dt.timedelta(days=200)))
    assert not tab.save()
    assert tab.error.text() == "A traditional mentoring agreement lasts at most four months; shorten the timeline."
    editor.timeline_end.setDate(QDate(START + dt.timedelta(days=110)))
    editor.mentor_examples.setCurrentIndex(1)  # an example from the manual becomes a line
    assert editor.mentor_success.toPlainText() == "I strengthen my mentee’s competences"
    assert tab.save()
    assert tab.state.text().startswith("Version 1 · draft")
    tab.signed_on.setDate(QDate(dt.date.today()))
    tab.mark_signed()
    assert "signed on" in tab.state.text()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    editor = tab.editor
    editor.goal_boxes[1][1].setText("Find a summer internship")
    assert tab.save()
    with window.db.session() as session:
        versions = session.execute(select(Agreement.version, Agreement.status).order_by(Agreement.version)).all()
    assert [tuple(v) for v in versions] == [(1, "superseded"), (2, "draft")]


def test_editing_a_signed_agreement_asks_first_and_keeps_the_signed_version(
    window, tmp_path: Path, monkeypatch
) -> None:
    tab = window.pages[3]
    pick(tab, "Łucja Wróblewska")
    tab.editor.goal_boxes[0][1].setText("Pass the first-year mathematics")
    signed_on = dt.date.today() - dt.timedelta(days=3)
    tab.signed_on.setDate(QDate(signed_on))
    tab.mark_signed()  # saves the editor's contents as version 1, signed
    today, signed = format_date(dt.date.today()), format_date(signed_on)
    assert tab.versions.rows() == [("1", "signed", today, signed, signed)]

    asked: list[tuple[str, str]] = []
    answer = {"button": QMessageBox.StandardButton.Cancel}

    def ask(box: QMessageBox) -> int:
        asked.append((box.text(), box.informativeText()))
        return answer["button"]

    monkeypatch.setattr(QMessageBox, "exec", ask)
    saved: list[object] = []
    monkeypatch.setattr(PdfPreview, "exec", lambda dialog: saved.append(dialog.data) or 0)
    # Previewing the signed agreement unchanged asks nothing and makes no version.
    tab.print_button.click()
    assert asked == [] and len(saved) == 1
    assert tab.versions.rows() == [("1", "signed", today, signed, signed)]

    # An edit asks first; Cancel changes nothing, and the edit stays in the editor.
    tab.editor.goal_boxes[0][1].setText("Find a summer internship")
    tab.save_button.click()
    assert asked == [
        (
            f"Version 1 was signed on {signed}.",
            "Saving your changes makes version 2, which the mentor and the mentee must both sign again. "
            "The signed version is kept and can still be printed.",
        )
    ]
    assert tab.versions.rows() == [("1", "signed", today, signed, signed)]
    assert tab.state.text().startswith("Version 1 · signed")
    assert tab.editor.goal_boxes[0][1].text() == "Find a summer internship"
    with window.db.session() as session:
        assert session.scalars(select(Agreement.status)).all() == ["signed"]

    # Confirmed: version 2 is a draft to sign, version 1 stays listed with the day it was signed.
    answer["button"] = QMessageBox.StandardButton.Save
    tab.save_button.click()
    assert len(asked) == 2
    assert tab.versions.rows() == [
        ("2", "draft", today, "–", "–"),
        ("1", "superseded", today, signed, signed),
    ]
    assert tab.state.text() == "Version 2 · draft"
    assert tab.editor.goal_boxes[0][1].text() == "Find a summer internship"

    # Version 1 previewed and printed exactly as it was signed.
    tab.versions.select_version(1)
    monkeypatch.setattr(PdfPreview, "exec", lambda dialog: dialog.save_to(tmp_path / "v1.pdf") or 0)
    tab.versions.preview_button.click()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "v1.pdf").pages)
    assert "Pass the first-year mathematics" in text and "Find a summer internship" not in text
    assert "Mentorsavtal, version 1" in text  # the footer, in the programme's document language
    assert tab.versions.rows()[1] == ("1", "superseded", today, signed, signed)  # printing changes no status
    assert len(asked) == 2  # printing an old version asks nothing


def test_preview_in_another_language_print_and_save(window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    tab = window.pages[3]
    pick(tab, "Łucja Wróblewska")
    tab.editor.goal_boxes[0][1].setText("Pass the first-year mathematics")
    seen = {}

    def use(dialog: PdfPreview) -> int:
        seen["pages"] = dialog.document.pageCount()
        assert dialog.current_language() == "sv"  # the programme's document language
        dialog.language.setCurrentIndex(dialog.language.findData("nl"))
        dialog.save_to(tmp_path / "agreement.pdf")
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        dialog.print_to(printer)
        return 0

    monkeypatch.setattr(PdfPreview, "exec", use)
    tab.preview()
    assert seen["pages"] >= 1
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "agreement.pdf").pages)
    assert "Mentoringovereenkomst" in text and "Łucja Wróblewska" in text and "Mentorsavtal" not in text
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == seen["pages"]
    assert "printed on" in tab.state.text()


def test_certificates_for_a_closed_pair_and_per_person(window, tmp_path: Path, monkeypatch) -> None:
    tab = window.pages[3]
    pick(tab, "Łucja Wróblewska")
    assert not tab.certificate_button.isEnabled()
    pick(tab, "Ingrid")
    assert tab.certificate_button.isEnabled()

    def save(dialog: PdfPreview) -> int:
        with window.db.session() as session:
            assert session.scalar(select(Certificate.id)) is None  # a preview issues nothing
        dialog.save_to(tmp_path / "certificates.pdf")
        return 0

    monkeypatch.setattr(PdfPreview, "exec", save)
    tab.pair_certificates()
    reader = PdfReader(tmp_path / "certificates.pdf")
    assert len(reader.pages) == 2 and "Intyg om deltagande" in reader.pages[0].extract_text()
    with window.db.session() as session:
        assert len(session.scalars(select(Certificate)).all()) == 2
    files = tab.save_certificates_per_person(tmp_path / "each", "nb")
    assert len(files) == 2 and all(f.name.startswith("deltakerbevis-") for f in files)


def test_handouts_in_the_chosen_language(window, tmp_path: Path, monkeypatch) -> None:
    tab = window.pages[3]

    def save(dialog: PdfPreview) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("nb"))
        dialog.save_to(tmp_path / "handouts.pdf")
        return 0

    monkeypatch.setattr(PdfPreview, "exec", save)
    tab.handouts_button.click()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "handouts.pdf").pages)
    for expected in (
        "Sjekkliste for adepter",
        "Sjekkliste for mentorer",
        "Mentorsyklusen",
        "Forberedelse",
        "Avslutning",
        "Veiledende spørsmål",
    ):
        assert expected in text
    assert "Checklist" not in text


def test_the_preview_offers_an_agreement_to_complete_by_hand(window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QCheckBox

    tab = window.pages[3]
    pick(tab, "Łucja Wróblewska")
    tab.editor.goal_boxes[0][1].setText("Pass the first-year mathematics")
    pages = {}

    def use(dialog: PdfPreview) -> int:
        pages["filled"] = dialog.document.pageCount()
        dialog.save_to(tmp_path / "filled.pdf")
        dialog.findChild(QCheckBox, "agreementByHand").setChecked(True)
        pages["by hand"] = dialog.document.pageCount()
        dialog.save_to(tmp_path / "by-hand.pdf")
        return 0

    monkeypatch.setattr(PdfPreview, "exec", use)
    tab.preview()
    filled = "".join(page.extract_text() for page in PdfReader(tmp_path / "filled.pdf").pages)
    by_hand = "".join(page.extract_text() for page in PdfReader(tmp_path / "by-hand.pdf").pages)
    assert "Mål 1: Pass the first-year mathematics" in filled and "Mål 3" not in filled
    assert "Mål 1: Pass the first-year mathematics" in by_hand and "Mål 2" in by_hand and "Mål 3" in by_hand
    assert pages["by hand"] >= pages["filled"]


def test_the_pairs_state_column_is_called_state(window) -> None:
    tab = window.pages[3]
    model = tab.view.model()
    assert model.headerData(2, Qt.Orientation.Horizontal) == "State"
    states = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    assert states == {"Łucja Wróblewska": "Active", "Ingrid": "Closed"}


def test_the_choose_a_pair_heading_follows_the_language(window, switcher) -> None:
    tab = window.pages[3]
    tab.view.clearSelection()
    tab.match_id = None
    tab._load_pair()
    switcher.apply("nl")
    assert tab.heading.text() == "Kies een koppel in de lijst"
    switcher.apply("sv")
    assert tab.heading.text() == "Välj ett par i listan"


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_the_names_in_the_list_are_whole_on_a_laptop(window, switcher, language) -> None:
    """On a 1280×720 laptop (the window as it first opens there) the mentor's and mentee's names are whole
    and the state columns are as wide as their texts; the list never scrolls sideways."""
    from PySide6.QtWidgets import QApplication

    switcher.apply(language)
    window.resize(1264, 680)
    for _ in range(3):
        QApplication.processEvents()
    view = window.pages[3].view
    model, metrics = view.model(), view.fontMetrics()
    for row in range(model.rowCount()):
        for column in (0, 1):
            name = model.index(row, column).data()
            assert metrics.horizontalAdvance(name) <= view.columnWidth(column) - 8, name
    header = view.horizontalHeader()
    for column in (2, 3):
        assert header.sectionSize(column) == max(header.sectionSizeHint(column), view.sizeHintForColumn(column))
    assert view.horizontalScrollBar().maximum() == 0
