"""A language switch sets the texts of the tab in front at once and of every other tab when it comes to
the front (a switch costs one tab's texts, not five), and reads nothing from the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QLineEdit, QWidget

from westem_desktop.core.demo import create_demo

TODAY = dt.date(2026, 11, 22)
ROWS_READ = 15  # the first rows of each list: their cells and tooltips


def demo_window(make_window, path: Path):
    window = make_window(path)
    with window.db.session() as session:
        pid = create_demo(session, participants=40, seed=3, today=TODAY).id
    window.load_programmes(pid)
    window.resize(1366, 768)
    window.show()
    return window


def visit_every_tab(window) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    window.tabs.setCurrentIndex(0)


def page_texts(page: QWidget) -> dict[str, str]:
    """Every text a coordinator can read or hear in ``page``: labels, buttons, fields' placeholders,
    choices, tooltips, accessible names, the lists' headers and their first rows' cells and tooltips."""
    texts: dict[str, str] = {}
    seen: Counter[str] = Counter()

    def put(where: str, text: object) -> None:
        if isinstance(text, str) and text:
            seen[where] += 1
            texts[f"{where}#{seen[where]}"] = text

    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        where = f"{type(widget).__name__}:{widget.objectName()}"
        put(f"{where}:tooltip", widget.toolTip())
        put(f"{where}:accessible", widget.accessibleName())
        if isinstance(widget, QLabel | QAbstractButton):
            put(f"{where}:text", widget.text())
        if isinstance(widget, QLineEdit):
            put(f"{where}:placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                put(f"{where}:choice", widget.itemText(i))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, top = widget.model(), QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
            rows = model.rowCount(top)
            for column in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    put(f"{where}:header", model.headerData(column, Qt.Orientation.Horizontal, role))
            for row in range(min(ROWS_READ, rows)):
                for column in range(columns):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        put(f"{where}:cell", model.index(row, column).data(role))
    return texts


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_a_tab_behind_a_switch_shows_the_new_language_when_it_comes_to_the_front(
    make_window, switcher, tmp_path: Path, language: str
) -> None:
    switcher.apply(language)
    built_in_language = demo_window(make_window, tmp_path / "fresh.sqlite")
    expected = []
    for index in range(built_in_language.tabs.count()):
        built_in_language.tabs.setCurrentIndex(index)
        expected.append(page_texts(built_in_language.places[index].page()))
    built_in_language.close()

    switcher.apply("en")
    window = demo_window(make_window, tmp_path / "switched.sqlite")
    visit_every_tab(window)
    english = [page_texts(page) for page in window.pages]
    switcher.apply(language)
    # Only the tab in front was retranslated; the others wait for the front.
    assert [page.untranslated for page in window.pages] == [False, True, True, True, True]
    for index, page in enumerate(window.pages):
        window.tabs.setCurrentIndex(index)
        texts = page_texts(page)
        assert texts == expected[index], window.tabs.tabText(index)
        assert texts != english[index]


def test_a_tab_switched_while_behind_and_then_changed_shows_both(make_window, switcher, tmp_path: Path) -> None:
    """A tab that went stale and missed a switch while behind reads its data and speaks the new language."""
    window = demo_window(make_window, tmp_path / "test.sqlite")
    visit_every_tab(window)
    matches = window.pages[1]
    switcher.apply("sv")
    window.load_programmes(window.programme_id)  # every tab stale
    window.tabs.setCurrentIndex(1)
    assert not matches.stale and not matches.untranslated
    headers = [matches.pairs_model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 4)]
    assert headers == ["Mentor", "Adept", "Status"]


@contextmanager
def statements(window) -> Iterator[list[str]]:
    """Every SQL statement run on the window's database meanwhile (SQLAlchemy's engines and the plain
    ``sqlite3`` connection of the fast reads)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    run: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args: object) -> None:
        run.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    window.db.read().set_trace_callback(run.append)
    try:
        yield run
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
        window.db.read().set_trace_callback(None)


@pytest.mark.parametrize("front", range(5))
def test_a_switch_reads_nothing_from_the_database(make_window, switcher, tmp_path: Path, front: int) -> None:
    window = demo_window(make_window, tmp_path / "test.sqlite")
    visit_every_tab(window)
    window.tabs.setCurrentIndex(front)
    with statements(window) as run:
        switcher.apply("nb")
        for index in range(window.tabs.count()):  # and the tabs behind, coming to the front after it
            window.tabs.setCurrentIndex(index)
        switcher.apply("en")
    assert run == [], "\n".join(run)
    # The count sees the database's reads when there are some.
    with statements(window) as run:
        window.load_programmes(window.programme_id)
    assert run
