"""The Participants tab as the coordinator uses it: add, edit, search, filter, delete, undo, import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from westem_desktop.core.collation import collator
from westem_desktop.core.demo import create_demo
from westem_desktop.core.participants import onboarding_state
from westem_desktop.ui.dialogs.import_dialog import ImportDialog
from westem_desktop.ui.dialogs.participant_dialog import ParticipantDialog
from westem_desktop.ui.models.participants import ParticipantsModel, ParticipantsProxy


def names_shown(tab) -> list[str]:
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def fill(dialog: ParticipantDialog, **values) -> None:
    for name, value in values.items():
        widget = getattr(dialog, name)
        if name in ("role", "status", "country"):
            widget.setCurrentIndex(widget.findData(value))
        elif name == "year":
            widget.setValue(value)
        else:
            widget.setText(value)


def answer_dialog(monkeypatch, steps) -> list[str]:
    """Run ``steps(dialog)`` instead of showing the participant dialog; returns the errors it showed."""
    errors: list[str] = []

    def exec_(dialog: ParticipantDialog) -> int:
        steps(dialog)
        if dialog.error.isVisibleTo(dialog):
            errors.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(ParticipantDialog, "exec", exec_)
    return errors


def test_add_edit_search_delete_undo(window, monkeypatch, qtbot) -> None:
    tab = window.pages[0]
    assert tab.stack.currentWidget() is tab.empty
    assert tab.empty.button.text() == "Add a participant…"

    def add_with_mistake(dialog: ParticipantDialog) -> None:
        fill(dialog, name="Łucja Wróblewska", email="lucja-at-uu.se", role="mentor", year=4)
        dialog.accept()
        assert dialog.error.text() == "“lucja-at-uu.se” is not a valid e-mail address."
        assert dialog.focusWidget() in (None, dialog.email)
        fill(dialog, email="lucja@uu.se")
        dialog.onboarding_rows["registered"][0].setChecked(True)
        dialog.onboarding_rows["registered"][1].setDate(dt.date(2026, 8, 20))
        dialog.accept()

    answer_dialog(monkeypatch, add_with_mistake)
    tab.empty.button.click()
    assert tab.stack.currentWidget() is tab.content
    assert names_shown(tab) == ["Łucja Wróblewska"]
    assert window.overview.mentors == 1 and "1 mentor" in window.status_label.text()
    first = tab.model.row_at(0)
    assert tab.proxy.index(0, 8).data() == "1/5"  # onboarding progress
    with window.db.session() as session:
        assert onboarding_state(session, first.id) == {"registered": dt.date(2026, 8, 20)}

    answer_dialog(
        monkeypatch, lambda d: (fill(d, name="Şebnem Yılmaz", email="sebnem@uu.se", role="mentee"), d.accept())
    )
    tab.add_participant()
    assert names_shown(tab) == ["Łucja Wróblewska", "Şebnem Yılmaz"]

    tab.view.selectRow(1)
    answer_dialog(monkeypatch, lambda d: (fill(d, study_programme="Computer Science", year=2), d.accept()))
    tab.edit_selected()
    assert tab.proxy.index(1, 4).data() == "2"

    qtbot.keyClicks(tab.search, "sebn")
    assert names_shown(tab) == ["Şebnem Yılmaz"]
    assert tab.count_label.text() == "1 of 2 participants"
    tab.search.clear()

    tab.view.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert names_shown(tab) == ["Şebnem Yılmaz"]
    qtbot.keyClicks(tab.search, "x")
    qtbot.keyClick(tab.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the search box's own undo
    assert tab.search.text() == "" and names_shown(tab) == ["Şebnem Yılmaz"]
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the delete
    assert names_shown(tab) == ["Łucja Wróblewska", "Şebnem Yılmaz"]
    with window.db.session() as session:
        assert onboarding_state(session, first.id) == {"registered": dt.date(2026, 8, 20)}
    tab.undo()  # undo the edit
    assert tab.proxy.index(1, 4).data() == ""
    tab.undo()  # undo adding Şebnem
    assert names_shown(tab) == ["Łucja Wróblewska"]
    qtbot.keyClick(
        tab.role_filter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert names_shown(tab) == ["Łucja Wróblewska", "Şebnem Yılmaz"]


def test_column_titles_sort_and_the_order_stays_after_an_edit(demo_window, monkeypatch, qtbot) -> None:
    demo_window.show()
    tab = demo_window.pages[0]
    header = tab.view.horizontalHeader()
    names = [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]
    assert names == sorted(names, key=collator("en"))  # by name at first ("Åsa" beside "Astrid" in English)

    def click(column: int) -> None:
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(column) + 5, 5)
        )

    click(4)  # year of study, lowest first
    years = [int(tab.proxy.index(r, 4).data()) for r in range(tab.proxy.rowCount())]
    assert years == sorted(years) and years[0] < years[-1]
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == 4
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click(4)  # and again: highest first
    years = [int(tab.proxy.index(r, 4).data()) for r in range(tab.proxy.rowCount())]
    assert years == sorted(years, reverse=True)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert not tab.view.selectionModel().hasSelection()  # a click on a title sorts, it selects nothing
    tab.view.selectRow(3)
    answer_dialog(monkeypatch, lambda d: (fill(d, study_programme="Physics"), d.accept()))
    tab.edit_selected()
    years = [int(tab.proxy.index(r, 4).data()) for r in range(tab.proxy.rowCount())]
    assert years == sorted(years, reverse=True)  # the table is read again, in the order chosen


def test_the_table_has_a_context_menu(demo_window, monkeypatch) -> None:
    from PySide6.QtGui import QContextMenuEvent

    tab = demo_window.pages[0]
    shown = []
    monkeypatch.setattr(tab.more_menu, "exec", lambda pos: shown.append(pos))
    QApplication.sendEvent(
        tab.view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(20, 20), QPoint(300, 200))
    )
    assert shown == [QPoint(300, 200)]
    assert [a.text() for a in tab.more_menu.actions() if a.text()][:2] == ["Edit…", "Delete"]


def test_the_table_paints_what_the_model_holds(demo_window) -> None:
    """The view asks for all roles of a cell at once (multiData); the answers are the model's."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    tab = demo_window.pages[0]
    tab.search.setText("a")  # a search typed: the rows shown are not the first ones
    delegate = QStyledItemDelegate()
    for row, column in ((0, 0), (3, 2), (tab.proxy.rowCount() - 1, 9)):
        index = tab.proxy.index(row, column)
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, index)  # what the view does before painting a cell
        assert option.text == index.data() == tab.model.index(row, column).data()
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole):
            role_data = QModelRoleData(role)
            tab.proxy.multiData(index, QModelRoleDataSpan(role_data))
            assert role_data.data() == index.data(role)


def test_the_item_roles_are_qts() -> None:
    """Our models name their roles as ints (ui/models/roles.py, for the start-up); they must be Qt's."""
    from westem_desktop.ui.models import roles

    ours = (roles.DISPLAY_ROLE, roles.TOOLTIP_ROLE, roles.ID_ROLE)
    role = Qt.ItemDataRole
    assert ours == (role.DisplayRole.value, role.ToolTipRole.value, role.UserRole.value + 1)


def test_duplicate_email_is_refused_at_the_field(window, monkeypatch) -> None:
    tab = window.pages[0]
    answer_dialog(monkeypatch, lambda d: (fill(d, name="A", email="a@uu.se"), d.accept()))
    tab.add_participant()
    errors = answer_dialog(monkeypatch, lambda d: (fill(d, name="B", email="A@uu.se"), d.accept(), d.reject()))
    tab.add_participant()
    assert errors == ["Another participant of this programme already has the e-mail address a@uu.se."]
    assert names_shown(tab) == ["A"]


@pytest.fixture
def demo_window(make_window):
    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=200, seed=5, today=dt.date(2026, 11, 22)).id
    window.load_programmes(pid)
    return window


def test_quick_filters_and_sorting(demo_window, qtbot) -> None:
    tab = demo_window.pages[0]
    assert tab.proxy.rowCount() == 200
    tab.role_filter.setCurrentIndex(tab.role_filter.findData("mentor"))
    assert tab.proxy.rowCount() == 80
    assert {tab.proxy.index(r, 1).data() for r in range(tab.proxy.rowCount())} == {"Mentor"}
    tab.unmatched.setChecked(True)
    unmatched = [
        tab.model.row_at(tab.proxy.mapToSource(tab.proxy.index(r, 0)).row()) for r in range(tab.proxy.rowCount())
    ]
    assert unmatched and all(not row.matched and row.role == "mentor" for row in unmatched)
    tab.role_filter.setCurrentIndex(0)
    tab.unmatched.setChecked(False)
    tab.incomplete.setChecked(True)
    assert all(
        tab.proxy.index(r, 8).data().split("/")[0] != tab.proxy.index(r, 8).data().split("/")[1]
        for r in range(tab.proxy.rowCount())
    )
    tab.incomplete.setChecked(False)
    tab.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # year of study
    years = [int(tab.proxy.index(r, 4).data()) for r in range(tab.proxy.rowCount())]
    assert years == sorted(years, reverse=True)
    qtbot.keyClicks(tab.search, "svenska")  # a language name finds its speakers
    assert 0 < tab.proxy.rowCount() < 200


def test_search_finds_by_email_field_and_interest(demo_window, qtbot) -> None:
    tab = demo_window.pages[0]
    row = tab.model.row_at(0)
    for text in (row.email, row.interests[0]):
        tab.search.setText(text)
        ids = [tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(tab.proxy.rowCount())]
        assert row.id in ids
    tab.search.setText("Mathematics ict zzzz")
    assert tab.proxy.rowCount() == 0


def test_models_pass_the_model_tester(demo_window, qtmodeltester) -> None:
    tab = demo_window.pages[0]
    qtmodeltester.check(tab.model, force_py=True)  # and it watches the changes below
    for text in ("a", "an", "ann", "a", "", "ict sv"):
        tab.search.setText(text)
    tab.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    tab.search.setText("a")
    qtmodeltester.check(tab.proxy, force_py=True)
    empty = ParticipantsModel()
    proxy = ParticipantsProxy()
    proxy.setSourceModel(empty)
    qtmodeltester.check(proxy, force_py=True)


def test_search_as_you_type_agrees_with_a_search_from_scratch(demo_window, qtbot) -> None:
    """Typing narrows from the rows already found, deleting widens again; sorting and the quick filters
    combine with it. Each step shows exactly the rows that hold every word, in the table's order."""
    tab = demo_window.pages[0]
    tab.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    everyone = [tab.model.row_at(r) for r in range(tab.model.rowCount())]

    def expected(text: str, role: str | None = None) -> list[int]:
        scratch = ParticipantsModel()
        scratch.set_rows(everyone)
        scratch.set_search(text)
        found = [scratch.row_at(r) for r in range(scratch.rowCount())]
        return [row.id for row in found if role in (None, row.role)]

    def shown() -> list[int]:
        return [tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(tab.proxy.rowCount())]

    tab.search.clear()
    typed = ""
    for key in "an ic":
        typed += key
        qtbot.keyClicks(tab.search, key)
        assert shown() == expected(typed)
    for _ in typed:
        qtbot.keyClick(tab.search, Qt.Key.Key_Backspace)
        typed = typed[:-1]
        assert shown() == expected(typed)
    tab.role_filter.setCurrentIndex(tab.role_filter.findData("mentee"))
    qtbot.keyClicks(tab.search, "e")
    assert shown() == expected("e", role="mentee") and shown()
    assert tab.count_label.text() == f"{len(shown())} of 200 participants"
    tab.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # the same rows, by year of study
    tab.search.clear()
    qtbot.keyClicks(tab.search, "a")
    assert sorted(shown()) == sorted(expected("a", role="mentee"))
    years = [int(tab.proxy.index(r, 4).data()) for r in range(tab.proxy.rowCount())]
    assert years == sorted(years, reverse=True)


def test_a_selected_row_stays_selected_while_the_search_still_finds_her(demo_window, qtbot) -> None:
    tab = demo_window.pages[0]
    row = tab.model.row_at(5)
    tab._select([row.id])
    assert tab.selected_ids() == [row.id]
    qtbot.keyClicks(tab.search, row.email[:3])
    assert tab.selected_ids() == [row.id]
    tab.search.setText("no such participant")
    assert tab.selected_ids() == []


def test_language_switch_retitles_the_table(demo_window, switcher) -> None:
    tab = demo_window.pages[0]
    switcher.apply("sv")
    header = tab.view.horizontalHeader()
    headers = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    assert headers[:3] == ["Namn", "Roll", "E-post"] and len(headers) == tab.model.columnCount()
    metrics = tab.view.horizontalHeader().fontMetrics()
    for language in ("sv", "nb", "nl"):  # every column's title fits ("Startchecklista" did not)
        switcher.apply(language)
        for column in range(tab.model.columnCount()):
            title = header.model().headerData(column, Qt.Orientation.Horizontal)
            assert tab.view.columnWidth(column) > metrics.horizontalAdvance(title) + 16, (language, title)
    switcher.apply("sv")
    assert {tab.proxy.index(r, 1).data() for r in range(tab.proxy.rowCount())} == {"Mentor", "Adept"}
    assert tab.add_button.text() == "&Lägg till…"


def test_import_dialog_maps_previews_and_reports(window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "anmalan.csv"
    path.write_text(
        "Namn;E-post;Roll;Språk\nAstrid;astrid@uu.se;mentor;svenska\nSaga;;adept;sv\nElin;elin@uu.se;adept;klingon\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(window.actions, window.programme_id, window, path)
    qtbot.waitUntil(lambda: not dialog.reading)  # read in a background thread
    assert [dialog.combos[i].currentData() for i in range(4)] == ["name", "email", "role", "languages"]
    assert dialog.import_button.isEnabled()
    dialog.combos[1].setCurrentIndex(0)  # no e-mail column: nothing can be imported
    assert not dialog.import_button.isEnabled()
    assert dialog.mapping_problem.text() == "Choose the column with the e-mail addresses."
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("email"))
    dialog.run_import()
    assert dialog.imported
    assert dialog.summary.text() == "1 added, 0 updated, 0 already registered and skipped, 2 refused."
    rows = [[dialog.refusals.item(r, c).text() for c in range(3)] for r in range(dialog.refusals.rowCount())]
    assert rows == [
        ["3", "E-post", "The e-mail address is required."],
        ["4", "Språk", "Unknown language “klingon”. Write the language’s name or its two-letter code."],
    ]
    dialog.save_refused_rows(tmp_path / "fix.csv")
    assert "klingon" in (tmp_path / "fix.csv").read_text(encoding="utf-8-sig")
    dialog.accept()
    window.pages[0].reload()
    assert names_shown(window.pages[0]) == ["Astrid"]


def test_an_unreadable_file_is_explained_in_the_dialog(window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x00\x01binary\x00")
    dialog = ImportDialog(window.actions, window.programme_id, window, path)
    qtbot.waitUntil(lambda: not dialog.reading)
    assert "could not be read" in dialog.file_label.text()
    assert not dialog.import_button.isEnabled()


def test_a_large_programme_loads_in_the_background(make_window, qtbot) -> None:
    from westem_desktop.ui.formatting import integer
    from westem_desktop.ui.tabs.participants import BACKGROUND_FROM, FIRST_SCREEN

    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=BACKGROUND_FROM + 100, seed=8, today=dt.date(2026, 11, 22)).id
    tab = window.pages[0]
    shown: list[tuple[int, bool, str, list[tuple[str, ...]]]] = []  # each time the table's rows change

    def seen() -> None:
        rows = [tuple(tab.proxy.index(r, c).data() for c in range(10)) for r in range(tab.proxy.rowCount())]
        shown.append((tab.proxy.rowCount(), tab.loading, tab.count_label.text(), rows))

    tab.model.modelReset.connect(seen)
    window.load_programmes(pid)
    assert tab.loading and tab.count_label.text() == "Loading participants…"
    assert tab.stack.currentWidget() is tab.content  # no "no participants yet" while loading
    qtbot.waitUntil(lambda: not tab.loading, timeout=20_000)
    assert tab.model.rowCount() == BACKGROUND_FROM + 100
    # The first screen of rows came first, while the rest was loading: the same rows, in the same order,
    # as the first of the whole table.
    first = next(entry for entry in shown if entry[0])
    assert first[:3] == (FIRST_SCREEN, True, "Loading participants…")
    assert first[3] == [tuple(tab.proxy.index(r, c).data() for c in range(10)) for r in range(FIRST_SCREEN)]
    assert tab.count_label.text() == f"{integer(BACKGROUND_FROM + 100)} participants"
    qtbot.keyClicks(tab.search, tab.model.row_at(0).email)
    assert tab.proxy.rowCount() == 1


def test_choice_boxes_take_their_texts_width_after_a_language_switch(demo_window, switcher, qapp) -> None:
    """Started in English, then switched: "Alla roller" and the paper-form choices were cut off."""
    window = demo_window
    window.resize(1100, 720)  # the size the window first opens at
    window.show()
    participants, cycle, evaluations = window.pages[0], window.pages[2], window.pages[4]
    boxes = {
        "role": (0, participants.role_filter),
        "status": (0, participants.status_filter),
        "phase": (2, cycle.phase_filter),
        "form": (4, evaluations.forms_kind),
        "scope": (4, evaluations.forms_scope),
    }
    chrome = {}  # the frame and the arrow: what a box needs beside its text, measured in English
    for language in ("en", "sv", "nb", "nl"):
        switcher.apply(language)
        for name, (tab, box) in boxes.items():
            window.tabs.setCurrentIndex(tab)
            qapp.processEvents()
            widest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
            chrome.setdefault(name, box.sizeHint().width() - widest)
            assert box.width() >= widest + chrome[name], (language, name, box.currentText())


def test_languages_and_countries_by_name_and_names_sorted_as_the_language_does(window, switcher) -> None:
    from westem_desktop.core.participants import ParticipantData, create_participant

    people = {"Örjan Ek": "SE", "Zoë Berg": "NL", "Åsa Öberg": "NO", "Łucja Nowak": "PL", "Adam Ek": "SE"}
    with window.db.session() as session:
        for i, (name, country) in enumerate(people.items()):
            data = ParticipantData(name=name, role="mentee", email=f"p{i}@uu.se", languages=["sv", "en"])
            data.country = country
            create_participant(session, window.programme_id, data)
    tab = window.pages[0]
    tab.reload()

    def column(number: int) -> list[str]:
        return [tab.proxy.index(r, number).data() for r in range(tab.proxy.rowCount())]

    expected = {
        "sv": (["Adam Ek", "Łucja Nowak", "Zoë Berg", "Åsa Öberg", "Örjan Ek"], "svenska, engelska", "Polen"),
        "nb": (["Adam Ek", "Łucja Nowak", "Zoë Berg", "Örjan Ek", "Åsa Öberg"], "svensk, engelsk", "Polen"),
        "nl": (["Adam Ek", "Åsa Öberg", "Łucja Nowak", "Örjan Ek", "Zoë Berg"], "Zweeds, Engels", "Polen"),
        "en": (["Adam Ek", "Åsa Öberg", "Łucja Nowak", "Örjan Ek", "Zoë Berg"], "Swedish, English", "Poland"),
    }
    for language, (order, languages, poland) in expected.items():
        switcher.apply(language)
        assert column(0) == order, language
        assert set(column(5)) == {languages}
        assert column(6)[order.index("Łucja Nowak")] == poland
    switcher.apply("sv")
    tab.view.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # countries by their Swedish names
    assert column(6) == ["Nederländerna", "Norge", "Polen", "Sverige", "Sverige"]
    tab.search.setText("norway")  # a country is found by its name in any of the four languages
    assert column(0) == ["Åsa Öberg"]


def test_sorting_again_reuses_the_collation_keys(monkeypatch) -> None:
    from westem_desktop.core import collation
    from westem_desktop.core.read import ParticipantRow
    from westem_desktop.ui.models.participants import render_rows, sort_order

    names = ["Örjan", "Zoë", "Åsa", "Łucja", "Adam"]
    rows = [
        ParticipantRow(i, n, "mentee", f"p{i}@uu.se", (), None, ("sv",), "SE", (), "active", 0, False, False)
        for i, n in enumerate(names)
    ]
    display, _search = render_rows(rows, {"mentee": 5})
    calls: list[str] = []
    real = collation.sort_key
    monkeypatch.setattr(collation, "sort_key", lambda text, language=None: calls.append(text) or real(text, language))
    keys: dict = {}
    first = sort_order(rows, display, 0, False, keys)
    assert [names[i] for i in first] == ["Adam", "Åsa", "Łucja", "Örjan", "Zoë"]  # English: Å beside A
    assert len(calls) == 5
    assert sort_order(rows, display, 0, True, keys) == first[::-1]
    assert len(calls) == 5  # the second sort computed no key


def test_columns_narrowed_in_a_small_window_widen_again_with_the_window(demo_window, qapp) -> None:
    """Opened small, the table's names and e-mail addresses give up room; widened to a laptop's whole
    screen, they get it back (the last column no longer takes all the room)."""
    window, tab = demo_window, demo_window.pages[0]
    window.resize(1350, 720)
    window.show()
    qapp.processEvents()
    wide = {c: tab.view.columnWidth(c) for c in (0, 2)}
    window.resize(1000, 600)
    for _ in range(3):
        qapp.processEvents()
    assert tab.view.columnWidth(0) < wide[0] and tab.view.horizontalScrollBar().maximum() == 0
    window.resize(1350, 720)
    for _ in range(3):
        qapp.processEvents()
    assert {c: tab.view.columnWidth(c) for c in (0, 2)} == wide
    assert tab.view.horizontalScrollBar().maximum() == 0
