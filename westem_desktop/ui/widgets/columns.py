"""A table's columns kept within its width, so that it never scrolls sideways on a laptop."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView


def title_width(header: QHeaderView, title: str) -> int:
    """The room a column's ``title`` needs in ``header``'s font, its margins and sort arrow included."""
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    longest = max((header.fontMetrics().horizontalAdvance(line) for line in title.splitlines()), default=0)
    return longest + 3 * margin + arrow + 2


class FitColumns(QObject):
    """Whenever the columns of ``view`` would need more than its width, the ``flexible`` ones (names,
    e-mail addresses, lists) give up room in proportion to what they have to spare, never below their
    title's width or the least they keep; when the table widens again (a window opening small, then
    maximised), the room its stretched last column gains goes back to them, up to the width they had. A
    cell cut short is elided and its model gives the full text as a tooltip. Columns the coordinator
    widens within the room are left as they are."""

    def __init__(self, view: QTableView, flexible: Mapping[int, int], title: Callable[[int], str]) -> None:
        """``flexible`` maps a column to the width, in average characters, it keeps at least."""
        super().__init__(view)
        self.view = view
        self.flexible = dict(flexible)
        self.title = title  # a column's title (not read through the Qt namespace: the start path)
        # The table would scroll sideways: make room. (A signal, not an event filter: the Participants
        # tab is on the start path, where PySide's event classes are not loaded.)
        view.horizontalScrollBar().rangeChanged.connect(self._range_changed)
        self.natural: dict[int, int] = {}  # a narrowed column's width before it gave up room
        self._giving_back = False
        view.horizontalHeader().sectionResized.connect(self._section_resized)

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if maximum > 0:
            self.fit()

    def title_width(self, column: int) -> int:
        """The room the column's title needs, its margins and sort arrow included."""
        return title_width(self.view.horizontalHeader(), self.title(column))

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())]
        shown = [c for c in shown if not header.isSectionHidden(c)]
        if not shown:
            return
        last = shown[-1] if header.stretchLastSection() else None
        widths = {c: header.sectionSize(c) for c in shown if c != last}
        # A stretched last section keeps at least the header's default size.
        last_width = max(self.title_width(last), header.defaultSectionSize()) if last is not None else 0
        needed = sum(widths.values()) + last_width
        excess = needed - self.view.viewport().width()
        if excess <= 0:
            return
        char = self.view.fontMetrics().averageCharWidth()
        keep = {c: max(self.title_width(c), n * char + 12) for c, n in self.flexible.items() if c in widths}
        spare = {c: max(0, widths[c] - least) for c, least in keep.items()}
        total = sum(spare.values())
        if total <= 0:
            return
        self._giving_back = True  # the last column grows as these narrow: not room to give back
        try:
            for column, room in spare.items():
                self.natural.setdefault(column, widths[column])
                header.resizeSection(column, widths[column] - min(room, round(excess * room / total) + 1))
        finally:
            self._giving_back = False

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        """The stretched last column grew past what it needs: give the room back to the narrowed ones."""
        header = self.view.horizontalHeader()
        if self._giving_back or not self.natural or not header.stretchLastSection():
            return
        shown = [header.logicalIndex(v) for v in range(header.count())]
        shown = [c for c in shown if not header.isSectionHidden(c)]
        if not shown or column != shown[-1]:
            return
        # What it needs, and a scroll bar's width to spare: a vertical scroll bar that comes later must
        # not make the table scroll sideways.
        scroll_bar = self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.view)
        room = new - max(self.title_width(column), header.defaultSectionSize()) - scroll_bar
        short = {c: width - header.sectionSize(c) for c, width in self.natural.items() if c in shown[:-1]}
        short = {c: gap for c, gap in short.items() if gap > 0}
        if room <= 0 or not short:
            return
        total = sum(short.values())
        self._giving_back = True
        try:
            given = {c: min(gap, room * gap // total) for c, gap in short.items()}
            for c, more in given.items():
                header.resizeSection(c, header.sectionSize(c) + more)
            # The last column keeps at least the width it was given (Qt's rule): what overflows goes back.
            overflow = header.length() - self.view.viewport().width()
            for c, more in given.items():
                if overflow <= 0:
                    break
                back = min(more, overflow)
                header.resizeSection(c, header.sectionSize(c) - back)
                overflow -= back
        finally:
            self._giving_back = False
