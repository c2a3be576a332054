"""A read-only table model over source rows, each row carrying an id (the lists of the Matches, Cycle,
Agreements and Evaluations tabs).

A row's texts are made when a view (or a search) first asks for them, and kept until the rows or the
language change: a list of 40,000 forms formats the few dozen rows on screen, not every date up front.
Sorting reads the columns' ``keys`` from the source rows, so it formats nothing either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

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


def text_key(text: str) -> tuple[int, float, tuple[str, str, str]]:
    """The sort key of a text as the table sorts its texts (for a column's ``keys`` function)."""
    return _sort_key(text, collator())


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
    (dates and decimals in the interface language's form). ``render`` is called for a row when it is
    first shown or searched, never for every row up front.

    ``ident`` gives a row's id without rendering it; ``keys`` maps a column to its sort key taken from
    the source row (a column without one sorts by its texts, which renders every row once).
    """

    def __init__(
        self,
        columns: Sequence[str],
        render: Callable[[object], Rendered],
        parent=None,
        *,
        ident: Callable[[object], int] | None = None,
        keys: Mapping[int, Callable[[object], object]] | None = None,
    ):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._render = render
        self._ident = ident
        self._keys = dict(keys or {})
        self._source: list[object] = []
        self._rendered: list[Rendered | None] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[object]) -> None:
        self.beginResetModel()
        self._source = list(rows)
        self._rendered = [None] * len(self._source)
        if self._sorted_by is not None:
            self._order(*self._sorted_by)
        self.endResetModel()

    def _row(self, row: int) -> Rendered:
        rendered = self._rendered[row]
        if rendered is None:
            rendered = self._rendered[row] = self._render(self._source[row])
        return rendered

    def _id(self, row: int) -> int:
        return self._ident(self._source[row]) if self._ident is not None else self._row(row)[0]

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        if column in self._keys:
            key_of = self._keys[column]
            keys = [key_of(source) for source in self._source]
        else:
            collate = collator()
            keys = []
            for row in range(len(self._source)):
                rendered = self._row(row)
                if len(rendered) == 3 and column in rendered[2]:
                    keys.append(rendered[2][column])
                else:
                    keys.append(_sort_key(rendered[1][column], collate))
        positions = sorted(
            range(len(self._source)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._source = [self._source[i] for i in positions]
        self._rendered = [self._rendered[i] for i in positions]

    def retranslate(self) -> None:
        """The texts again in the new language (made when next shown), in the new language's order."""
        self.set_rows(self._source)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python, once (a proxy would call data() for every comparison)."""
        if not 0 <= column < len(self._columns):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._id(i.row()) for i in old]
        self._order(column, order)
        position = {self._id(n): n for n in range(len(self._source))} if old else {}
        self.changePersistentIndexList(
            old, [self.index(position[i], index.column()) for i, index in zip(ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    def source_row(self, row: int) -> object:
        return self._source[row]

    def source_rows(self) -> list[object]:
        """Every source row, in the model's order."""
        return list(self._source)

    def row_texts(self, row: int) -> tuple[str, ...]:
        """The texts shown in ``row`` (what a search looks through)."""
        return self._row(row)[1]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._source)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return self._row(index.row())[1][index.column()]
        if role == ID_ROLE:
            return self._id(index.row())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> object:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE and 0 <= section < len(self._columns):
            return _(self._columns[section])
        return None
