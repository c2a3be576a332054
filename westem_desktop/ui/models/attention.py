"""The Cycle tab's list of the pairs that need the coordinator, as a model over ``core.attention``.

The entries are computed once per programme and change (``set_entries``); a line's words are made when
the list shows it, so a change of language re-words the lines on screen without reading the file again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

from westem_desktop.ui.models.roles import DISPLAY_ROLE, ID_ROLE, TOOLTIP_ROLE

if TYPE_CHECKING:
    from westem_desktop.core.attention import Attention


class AttentionModel(QAbstractListModel):
    """One line per reason a pair needs the coordinator: "Mentor – Mentee: No meeting since 7 Mar 2026";
    the line is its own tooltip (a long one is cut in the list) and ``ID_ROLE`` gives the pair."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[Attention] = []
        self._names: Mapping[int, str] = {}
        self._texts: dict[int, str] = {}

    def set_entries(self, entries: Sequence[Attention], names: Mapping[int, str]) -> None:
        """The programme's entries, and each pair's names ("Mentor – Mentee") by its id."""
        self.beginResetModel()
        self._entries, self._names, self._texts = list(entries), names, {}
        self.endResetModel()

    def pairs(self) -> int:
        """How many pairs need the coordinator (a pair may be listed for several reasons)."""
        return len({entry.match_id for entry in self._entries})

    def retranslate(self) -> None:
        """The lines in the current language (worded again when shown)."""
        self._texts = {}
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def text(self, row: int) -> str:
        text = self._texts.get(row)
        if text is None:
            entry = self._entries[row]
            text = self._texts[row] = f"{self._names.get(entry.match_id, entry.match_id)}: {entry.text()}"
        return text

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return self.text(index.row())
        if role == ID_ROLE:
            return self._entries[index.row()].match_id
        return None
