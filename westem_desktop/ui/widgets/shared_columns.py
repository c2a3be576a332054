"""Columns as wide as their texts in the current font, the table's width shared among the others."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QStyle, QTableView

from westem_desktop.ui.widgets.columns import title_width

SAMPLE = 200  # rows measured: enough for the widest text, little time at 10,000 participants


class SharedColumns(QObject):
    """The ``fixed`` columns are as wide as their title or their widest cell, up to the number of average
    characters each maps to; the ``shared`` ones take the rest of the table's width: each at least as wide
    as its title, then, in their order, as wide as their widest cell, and room to spare in proportion. So
    the table never scrolls sideways while their titles fit. Measured in the view's current font (a large
    platform font too) whenever the table resizes, its font changes or ``fit()`` is called; a cell cut
    short is elided and its model gives the full text as a tooltip."""

    def __init__(self, view: QTableView, fixed: Mapping[int, int], shared: Sequence[int]) -> None:
        super().__init__(view)
        self.view = view
        self.fixed = dict(fixed)
        self.shared = tuple(shared)
        view.horizontalHeader().setStretchLastSection(False)
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)  # a change of the font

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.fit()
        return False

    def _widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """Each column's title width and widest cell (its padding included)."""
        view, model = self.view, self.view.model()
        header, metrics = view.horizontalHeader(), view.fontMetrics()
        pad = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 6
        titles, widest = {}, {}
        for column in (*self.fixed, *self.shared):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            titles[column] = title_width(header, title)
            texts = (model.index(row, column).data() for row in range(min(model.rowCount(), SAMPLE)))
            widest[column] = max((metrics.horizontalAdvance(t) for t in texts if t), default=0) + pad
        return titles, widest

    def fit(self) -> None:
        view = self.view
        if view.model() is None:
            return
        titles, widest = self._widths()
        char = view.fontMetrics().averageCharWidth()
        widths = {c: max(titles[c], min(widest[c], most * char)) for c, most in self.fixed.items()}
        rest = view.viewport().width() - sum(widths.values())
        least = {c: titles[c] for c in self.shared}
        want = {c: max(titles[c], widest[c]) for c in self.shared}
        if rest >= sum(want.values()):  # room to spare: shared in proportion to what each shows
            total = sum(want.values()) or 1
            shares = {c: rest * want[c] // total for c in self.shared}
        else:  # each keeps its title; what is left goes to them in turn (a name before its fields)
            shares = dict(least)
            left = max(0, rest - sum(least.values()))
            for c in self.shared:
                more = min(left, want[c] - least[c])
                shares[c] += more
                left -= more
        widths.update(shares)
        widths[self.shared[-1]] += max(0, view.viewport().width() - sum(widths.values()))  # the rounding
        header = view.horizontalHeader()
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
