"""A read-only table model over rows of display texts, each row carrying an id (the Matches tab's lists)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from westem_desktop.core.collation import collator
from westem_desktop.i18n import _
from westem_desktop.ui.models.roles import DISPLAY_ROLE, ID_ROLE, TOOLTIP_ROLE


def _sort_key(text: str, collate: Callable[[str], tuple[str, str, str]]) -> tuple[int, float, tuple[str, str, str]]:
    """Numbers by value ("9" before "10"), then text as the interface language sorts it (Å after Z in
    Swedish, Ł beside L)."""
    try:
        return (0, float(text), ("", "", ""))
    except ValueError:
        return (1, 0.0, collate(text))


class SourceSortingProxy(QSortFilterProxyModel):
    """Filters in C++ as usual, but lets the source model sort itself (see ``RowsModel.sort``)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)


Rendered = tuple[int, tuple[str, ...]] | tuple[int, tuple[str, ...], dict[int, object]]


class RowsModel(QAbstractTableModel):
    """``columns`` are msgids (translated when shown); ``render`` turns a source row into (id, texts), or
    (id, texts, keys) where ``keys`` gives the sort key of the columns whose text does not sort by itself
    (dates and decimals in the interface language's form)."""

    def __init__(self, columns: Sequence[str], render: Callable[[object], Rendered], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._render = render
        self._source: list[object] = []
        self._rows: list[Rendered] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[object]) -> None:
        self.beginResetModel()
        self._source = list(rows)
        self._rows = [self._render(row) for row in self._source]
        if self._sorted_by is not None:
            self._order(*self._sorted_by)
        self.endResetModel()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        collate = collator()

        def key(pair: tuple[object, Rendered]) -> object:  # called once per row (sorted's key)
            rendered = pair[1]
            if len(rendered) == 3 and column in rendered[2]:
                return rendered[2][column]
            return _sort_key(rendered[1][column], collate)

        pairs = sorted(
            zip(self._source, self._rows, strict=True), key=key, reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._source = [source for source, _row in pairs]
        self._rows = [row for _source, row in pairs]

    def retranslate(self) -> None:
        self.set_rows(self._source)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the texts in Python, once (a proxy would call data() for every comparison)."""
        if not 0 <= column < len(self._columns):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()][0] for i in old]
        self._order(column, order)
        position = {row[0]: n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[i], index.column()) for i, index in zip(ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    def source_row(self, row: int) -> object:
        return self._source[row]

    def row_texts(self, row: int) -> tuple[str, ...]:
        """The texts shown in ``row`` (what a search looks through)."""
        return self._rows[row][1]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return self._rows[index.row()][1][index.column()]
        if role == ID_ROLE:
            return self._rows[index.row()][0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> object:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE and 0 <= section < len(self._columns):
            return _(self._columns[section])
        return None
