"""The Cycle tab on a laptop screen: at 1280×720 and 1366×768, in every language, each text of the tab is
shown whole (or wraps, or is elided with the whole text in a tooltip), nothing scrolls sideways, the
meetings list shows at least six meetings, and the window does not grow."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QTableView, QWidget

from westem_desktop.core.demo import create_demo
from westem_desktop.core.meetings import log_meeting
from westem_desktop.core.models import Match
from westem_desktop.core.views.cycle import cycle_pairs

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def cycle_window(make_window, switcher):
    """The demo on the Cycle tab, its longest-named active pair chosen, with eight meetings logged."""
    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=80, seed=6, today=TODAY).id
    pairs = cycle_pairs(window.db, pid)
    pair = max((r for r in pairs if r.status == "active"), key=lambda r: len(r.mentor) + len(r.mentee))
    with window.db.session() as session:
        formed = session.get(Match, pair.id).created_on
        for n in range(8):
            log_meeting(session, pair.id, formed + dt.timedelta(days=n), 45, topics="Exam planning " * 4)
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(2)
    window.resize(1280, 720)
    window.show()
    window.pages[2].select_pair(pair.id)
    settle()
    return window


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped(root: QWidget) -> list[str]:
    """The visible labels, buttons, check boxes, tabs and header sections of ``root`` whose text is cut."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"label “{widget.text()}” wraps into more height than it has")
            else:
                width = max(widget.fontMetrics().horizontalAdvance(line) for line in plain(widget.text()).split("\n"))
                if width > widget.contentsRect().width():
                    found.append(f"label “{widget.text()}”: {width} px in {widget.contentsRect().width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width():
                found.append(f"button “{widget.text()}”: {widget.sizeHint().width()} px in {widget.width()}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i) and widget.tabSizeHint(i).width() > widget.tabRect(i).width():
                    found.append(
                        f"tab “{widget.tabText(i)}”: {widget.tabSizeHint(i).width()} px in {widget.tabRect(i)}"
                    )
        elif isinstance(widget, QTableView):
            header, model = widget.horizontalHeader(), widget.model()
            shown = [c for c in range(model.columnCount()) if not widget.isColumnHidden(c)]
            for column in shown:
                text = model.headerData(column, Qt.Orientation.Horizontal)
                if header.fontMetrics().horizontalAdvance(text) > header.sectionSize(column):
                    found.append(f"column “{text}”: {header.sectionSize(column)} px")
            if sum(header.sectionSize(c) for c in shown) > widget.viewport().width():
                found.append(f"table {widget.objectName()} is wider than its view")
    return found


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_every_text_of_the_cycle_tab_fits_a_laptop(cycle_window, switcher, language, size) -> None:
    window, tab = cycle_window, cycle_window.pages[2]
    detail = tab.detail
    switcher.apply(language)
    window.resize(*size)
    settle()
    problems = []
    for section in range(detail.sections.count()):
        detail.sections.setCurrentIndex(section)
        for phase in range(detail.phases.count()) if section == 0 else [None]:
            if phase is not None and detail.phases.isTabEnabled(phase):
                detail.phases.setCurrentIndex(phase)
            settle()
            where = f"{detail.sections.tabText(section)} {detail.phases.tabText(phase) if phase is not None else ''}"
            problems += [f"[{language} {size}] {where}: {p}" for p in clipped(tab)]
            page = detail.phases.currentWidget() if section == 0 else detail.sections.currentWidget()
            if section < 2 and page.verticalScrollBar().maximum() > 0:  # read at once, not scrolled through
                problems.append(f"[{language} {size}] {where}: the page scrolls")
            assert (window.width(), window.height()) == size, "the window grew"
    assert not problems, "\n".join(dict.fromkeys(problems))
    assert window.minimumSizeHint().width() <= size[0] and window.minimumSizeHint().height() <= size[1]


@pytest.mark.parametrize("language", ["nl", "sv"])
def test_the_meetings_list_has_room_and_names_are_whole(cycle_window, switcher, language) -> None:
    window, tab = cycle_window, cycle_window.pages[2]
    switcher.apply(language)
    detail = tab.detail
    detail.sections.setCurrentIndex(2)
    settle()
    assert detail.meetings.rowCount() >= 8 and detail.sections.tabText(2).endswith(f"({detail.meetings.rowCount()})")
    meetings = detail.meetings
    whole = [
        r
        for r in range(meetings.rowCount())
        if meetings.rowViewportPosition(r) + meetings.rowHeight(r) <= meetings.viewport().height()
    ]
    assert len(whole) >= 6
    assert meetings.item(0, 4).toolTip() == meetings.item(0, 4).text()  # long topics: the whole text at hand
    # A name or phase too long for its column is elided; its whole text is the cell's tooltip.
    for row in range(tab.proxy.rowCount()):
        for column in (0, 1, 2):
            index = tab.proxy.index(row, column)
            assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
    # Attention lines wrap within the list: none runs past its right edge.
    attention = tab.attention
    lines = attention.model()
    assert lines.rowCount() > 0
    for row in range(lines.rowCount()):
        rect = attention.visualRect(lines.index(row))
        assert rect.right() <= attention.viewport().width()
        assert lines.index(row).data(Qt.ItemDataRole.ToolTipRole) == lines.index(row).data()
    assert (window.width(), window.height()) == (1280, 720)


def names_cut(view: QTableView, columns: tuple[int, ...]) -> list[str]:
    """The names in ``columns`` of ``view`` that do not fit their column whole (they would be elided)."""
    metrics, model = view.fontMetrics(), view.model()
    room = {c: view.columnWidth(c) - 8 for c in columns}  # the cell's margins and focus frame
    return [
        f"{model.index(r, c).data()} needs {metrics.horizontalAdvance(model.index(r, c).data())} px, has {room[c]}"
        for r in range(model.rowCount())
        for c in columns
        if metrics.horizontalAdvance(model.index(r, c).data()) > room[c]
    ]


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_the_names_take_the_room_the_phase_and_counts_leave(cycle_window, switcher, language) -> None:
    """On a 1280×720 laptop (the window as it first opens there) every mentor's and mentee's name of the
    demo is whole; the phase, the count and the date columns are as wide as their texts, no wider."""
    window, tab = cycle_window, cycle_window.pages[2]
    switcher.apply(language)
    window.resize(1264, 680)
    settle()
    assert not names_cut(tab.view, (0, 1))
    header = tab.view.horizontalHeader()
    for column in (2, 4, 6):
        assert header.sectionSize(column) == max(header.sectionSizeHint(column), tab.view.sizeHintForColumn(column))
    assert tab.view.horizontalScrollBar().maximum() == 0
