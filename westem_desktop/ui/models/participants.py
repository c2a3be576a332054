"""The Participants table: a model caching display rows, and a proxy that filters and sorts them.

Filtering 10,000 rows must take less than a frame per keystroke, so the work is done in Python once
per keystroke over precomputed lower-case search texts (``ParticipantsModel.matching``); the proxy's
``filterAcceptsRow`` only looks the answer up. Sorting reorders the model's rows by precomputed keys
instead of letting the proxy compare cells one call at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from westem_desktop.core.checklists import onboarding_keys
from westem_desktop.core.enums import LANGUAGES, ParticipantStatus, Role
from westem_desktop.core.labels import label
from westem_desktop.core.read import ParticipantRow
from westem_desktop.core.vocabulary import field_label, language_names
from westem_desktop.i18n import N_, _

COLUMNS = (
    ("name", N_("Name")),
    ("role", N_("Role")),
    ("email", N_("E-mail")),
    ("fields", N_("Fields of expertise")),
    ("year", N_("Year")),
    ("languages", N_("Languages")),
    ("country", N_("Country")),
    ("status", N_("Status")),
    ("onboarding", N_("Onboarding")),
    ("matched", N_("Matched")),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = Qt.ItemDataRole.DisplayRole
# Plain ints for data(), which the view calls for ten roles of every visible cell on every repaint:
# comparing ints is much cheaper than comparing PySide enum members.
_DISPLAY, _TOOLTIP, _ID = int(DISPLAY), int(Qt.ItemDataRole.ToolTipRole), int(ID_ROLE)


@dataclass
class QuickFilter:
    """The quick filters above the table; None means "any"."""

    role: str | None = None
    status: str | None = None
    unmatched: bool = False
    onboarding_incomplete: bool = False


def render_rows(rows: list[ParticipantRow], totals: dict[str, int]) -> tuple[list[tuple[str, ...]], list[str]]:
    """The display texts (interface language) and the lower-case search text of every row.

    Lists repeat across rows ("sv, en"; "ict"), so their texts are made once per distinct list.
    """
    if not rows:
        return [], []  # and no language names to load (Babel's data costs start-up time)
    roles = {r.value: label(r) for r in Role}
    statuses = {s.value: label(s) for s in ParticipantStatus}
    yes, no = _("Yes"), _("No")
    # A language is found by its code or its name in any of the four languages ("sv", "Swedish", "svenska").
    every = [language_names(lang) for lang in LANGUAGES]
    language_words = {code: " ".join(names.get(code, code) for names in every) for code in every[0]}
    fields_text: dict[tuple[str, ...], tuple[str, str]] = {}
    languages_text: dict[tuple[str, ...], tuple[str, str]] = {}
    display: list[tuple[str, ...]] = []
    search: list[str] = []
    for row in rows:
        fields = fields_text.get(row.fields)
        if fields is None:
            shown = ", ".join(field_label(f) for f in row.fields)
            fields = fields_text[row.fields] = (shown, f"{shown} {' '.join(row.fields)}")
        languages = languages_text.get(row.languages)
        if languages is None:
            shown = ", ".join(row.languages)
            words = " ".join(language_words.get(code, code) for code in row.languages)
            languages = languages_text[row.languages] = (shown, f"{shown} {words}")
        name = row.name if not row.erased else _("Erased participant {id}").format(id=row.id)
        display.append(
            (
                name,
                roles.get(row.role, row.role),
                row.email,
                fields[0],
                "" if row.year_of_study is None else str(row.year_of_study),
                languages[0],
                row.country,
                statuses.get(row.status, row.status),
                f"{row.onboarding_done}/{totals.get(row.role, 0)}",
                yes if row.matched else no,
            )
        )
        search.append(f"{name} {row.email} {fields[1]} {languages[1]} {' '.join(row.interests)}".casefold())
    return display, search


class ParticipantsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        self._display: list[tuple[str, ...]] = []
        self._search: list[str] = []
        self._totals = {role.value: len(onboarding_keys(role)) for role in Role}

    # -- data ---------------------------------------------------------------------------------

    @property
    def onboarding_totals(self) -> dict[str, int]:
        return dict(self._totals)

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._render()
        self.endResetModel()

    def set_rendered(self, rows: list[ParticipantRow], display: list[tuple[str, ...]], search: list[str]) -> None:
        """Rows rendered elsewhere (the background loader) with ``render_rows``."""
        self.beginResetModel()
        self._rows, self._display, self._search = list(rows), display, search
        self.endResetModel()

    def retranslate(self) -> None:
        """Re-render the texts in the interface language (after a language switch)."""
        self._render()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _render(self) -> None:
        self._display, self._search = render_rows(self._rows, self._totals)

    def row_at(self, source_row: int) -> ParticipantRow:
        return self._rows[source_row]

    def source_row_of(self, participant_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.id == participant_id), None)

    def matching(self, text: str, quick: QuickFilter) -> list[bool]:
        """For every row, whether it passes the search text (all words) and the quick filters."""
        words = text.casefold().split()
        search = self._search
        if not words:
            accepted = [True] * len(search)
        elif len(words) == 1:
            word = words[0]
            accepted = [word in haystack for haystack in search]
        else:
            accepted = [all(w in haystack for w in words) for haystack in search]
        if quick == QuickFilter():
            return accepted
        totals = self._totals
        for i, row in enumerate(self._rows):
            if accepted[i] and (
                (quick.role is not None and row.role != quick.role)
                or (quick.status is not None and row.status != quick.status)
                or (quick.unmatched and row.matched)
                or (quick.onboarding_incomplete and row.onboarding_done >= totals.get(row.role, 0))
            ):
                accepted[i] = False
        return accepted

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if role in (_DISPLAY, _TOOLTIP):
            return self._display[index.row()][index.column()] if index.isValid() else None
        if role == _ID:
            return self._rows[index.row()].id if index.isValid() else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][1])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][0]
        order_of = list(range(len(self._rows)))
        if key == "year":

            def sort_key(i: int) -> object:
                return (self._rows[i].year_of_study is None, self._rows[i].year_of_study or 0)
        elif key == "onboarding":

            def sort_key(i: int) -> object:
                return self._rows[i].onboarding_done
        else:

            def sort_key(i: int) -> object:
                return self._display[i][column].casefold()

        order_of.sort(key=sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        position = {old_row: new_row for new_row, old_row in enumerate(order_of)}
        self._rows = [self._rows[i] for i in order_of]
        self._display = [self._display[i] for i in order_of]
        self._search = [self._search[i] for i in order_of]
        self.changePersistentIndexList(old, [self.index(position[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()


class ParticipantsProxy(QSortFilterProxyModel):
    """Filters by the model's precomputed answer; sorting is delegated to the model (see module doc)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._accepted: list[bool] | None = None
        self.text = ""
        self.quick = QuickFilter()

    def apply(self, text: str | None = None, quick: QuickFilter | None = None) -> None:
        if text is not None:
            self.text = text
        if quick is not None:
            self.quick = quick
        model = self.sourceModel()
        everything = not self.text.strip() and self.quick == QuickFilter()
        self._accepted = None if everything or model is None else model.matching(self.text, self.quick)
        # One layout change rather than begin/endFilterChange, which tells the view of every range of
        # rows that went or came (thousands of signals when a search thins out 10,000 rows).
        self.invalidate()

    def refilter(self) -> None:
        """After the rows changed: the same search and filters over the new rows."""
        self.apply()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        accepted = self._accepted
        return accepted is None or (source_row < len(accepted) and accepted[source_row])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
            self.apply()
