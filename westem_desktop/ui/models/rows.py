"""A read-only table model over rows of display texts, each row carrying an id (the Matches tab's lists)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from westem_desktop.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY, _TOOLTIP, _ID = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), int(ID_ROLE)


class RowsModel(QAbstractTableModel):
    """``columns`` are msgids (translated when shown); ``render`` turns a source row into (id, texts)."""

    def __init__(self, columns: Sequence[str], render: Callable[[object], tuple[int, tuple[str, ...]]], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._render = render
        self._source: list[object] = []
        self._rows: list[tuple[int, tuple[str, ...]]] = []

    def set_rows(self, rows: Sequence[object]) -> None:
        self.beginResetModel()
        self._source = list(rows)
        self._rows = [self._render(row) for row in self._source]
        self.endResetModel()

    def retranslate(self) -> None:
        self.set_rows(self._source)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def source_row(self, row: int) -> object:
        return self._source[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        if role in (_DISPLAY, _TOOLTIP):
            return self._rows[index.row()][1][index.column()]
        if role == _ID:
            return self._rows[index.row()][0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self._columns):
            return _(self._columns[section])
        return None
