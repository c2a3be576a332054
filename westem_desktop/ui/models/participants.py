"""The Participants table: a model caching display rows, and the proxy the view shows it through.

A search keystroke must be answered within a frame with 10,000 rows, and every call from Qt into
Python costs about a microsecond, so nothing is asked row by row: the model tests the search words
against precomputed lower-case texts, and the quick filters against the rows, in one Python pass
(``ParticipantsModel.set_search``), and shows the rows that pass with one layout change. A proxy
``filterAcceptsRow`` written in Python would be called for each of the 10,000 rows on each keystroke
(6-7 ms here, half the frame), and Qt's own regular-expression filter asks the model for each row's
text in the same way (50 ms). Sorting likewise reorders the model's rows by precomputed keys instead of
letting the proxy compare cells one call at a time; the proxy passes both to the model.

The table is on the window's start path (see the README): the item roles are plain ints
(``ui/models/roles.py``), there is no ``headerData`` override (the tab gives the header a small model of
the column titles), and ``Qt`` is imported only where a sort order arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from westem_desktop.core.checklists import onboarding_keys
from westem_desktop.core.collation import collator, first_in_order
from westem_desktop.core.enums import LANGUAGES, ParticipantStatus, Role
from westem_desktop.core.labels import label
from westem_desktop.core.read import ParticipantRow, participant_rows
from westem_desktop.core.read import participant_names as names_of
from westem_desktop.core.vocabulary import country_names, field_label, interest_labels, language_names
from westem_desktop.i18n import N_, _, current_language
from westem_desktop.ui.models.roles import DISPLAY_ROLE, ID_ROLE, TOOLTIP_ROLE

if TYPE_CHECKING:
    import sqlite3

    from PySide6.QtCore import Qt

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


def column_titles() -> list[str]:
    """The columns' titles in the interface language."""
    return [_(title) for _key, title in COLUMNS]


class QuickFilter(NamedTuple):
    """The quick filters above the table; None means "any"."""

    role: str | None = None
    status: str | None = None
    unmatched: bool = False
    onboarding_incomplete: bool = False


def render_rows(
    rows: list[ParticipantRow], totals: dict[str, int], searchable: bool = True
) -> tuple[list[tuple[str, ...]], list[str]]:
    """The display texts (interface language) and the lower-case search text of every row (empty unless
    ``searchable``).

    Languages and countries are shown by their names in the interface language ("svenska, engelska",
    "Sverige"), and found by their codes and their names in any of the four languages ("Norway", "Norge"). Lists repeat
    across rows ("sv, en"; "ict"), so their texts are made once per distinct list. Without the search
    texts, only the interface language's names are loaded (Babel's data of one language, not four).
    """
    if not rows:
        return [], []  # and no language names to load
    roles = {r.value: label(r) for r in Role}
    statuses = {s.value: label(s) for s in ParticipantStatus}
    yes, no = _("Yes"), _("No")
    now = LANGUAGES.index(current_language()) if current_language() in LANGUAGES else 0
    if searchable:
        # A language is found by its code or its name in any of the four languages ("sv", "Swedish", "svenska").
        every = [language_names(lang) for lang in LANGUAGES]
        every_country = [country_names(lang) for lang in LANGUAGES]
    else:
        every = [language_names(LANGUAGES[now])] * len(LANGUAGES)
        every_country = [country_names(LANGUAGES[now])] * len(LANGUAGES)
    language_words = {code: " ".join(names.get(code, code) for names in every) for code in every[0]}
    shown_language, countries = every[now], every_country[now]
    country_text: dict[str, tuple[str, str]] = {}
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
            shown = ", ".join(shown_language.get(code, code) for code in row.languages)
            words = " ".join(f"{code} {language_words.get(code, code)}" for code in row.languages)
            languages = languages_text[row.languages] = (shown, words)
        country = country_text.get(row.country)
        if country is None:
            name_of = countries.get(row.country, row.country)
            words = " ".join(dict.fromkeys(names.get(row.country, "") for names in every_country))
            country = country_text[row.country] = (name_of, f"{row.country} {words}" if row.country else "")
        name = row.name if not row.erased else _("Erased participant {id}").format(id=row.id)
        display.append(
            (
                name,
                roles.get(row.role, row.role),
                row.email,
                fields[0],
                "" if row.year_of_study is None else str(row.year_of_study),
                languages[0],
                country[0],
                statuses.get(row.status, row.status),
                f"{row.onboarding_done}/{totals.get(row.role, 0)}",
                yes if row.matched else no,
            )
        )
        if searchable:
            interests = f"{' '.join(row.interests)} {interest_labels(row.interests)}"
            words = f"{name} {row.email} {fields[1]} {languages[1]} {country[1]} {interests}"
            search.append(words.casefold())
        else:
            search.append("")
    return display, search


def first_screen(
    conn: sqlite3.Connection, programme_id: int, totals: dict[str, int], count: int
) -> tuple[list[ParticipantRow], list[tuple[str, ...]], list[str]]:
    """The first ``count`` participants by name, A to Z, exactly as ``render_sorted`` orders them (the
    table's first order), rendered without their search texts: what the background loader shows first.
    It reads every name but only those rows, and loads Babel's data of the interface language only."""
    erased = _("Erased participant {id}")
    # By id, so that equal names stand as in participant_rows' order (by name, then id), which
    # render_sorted's stable sort keeps.
    names = sorted(names_of(conn, programme_id))
    texts = [erased.format(id=pid) if gone else name for pid, name, gone in names]
    first = [names[position][0] for position in first_in_order(texts, count)]
    position = {pid: n for n, pid in enumerate(first)}
    rows = sorted(participant_rows(conn, programme_id, first), key=lambda row: position[row.id])
    display, search = render_rows(rows, totals, searchable=False)
    return rows, display, search


def sort_order(
    rows: list[ParticipantRow],
    display: list[tuple[str, ...]],
    column: int,
    descending: bool,
    keys: dict[str, tuple[str, str, str]] | None = None,
) -> list[int]:
    """The positions of ``rows`` (shown as ``display``) in the order of ``column``: years and onboarding
    as numbers, texts as the interface language sorts them (``core.collation``). ``keys`` holds the
    collation keys of texts met before (one per distinct text, computed once, kept by the caller)."""
    key = COLUMNS[column][0]
    if key == "year":

        def sort_key(i: int) -> object:
            return (rows[i].year_of_study is None, rows[i].year_of_study or 0)
    elif key == "onboarding":

        def sort_key(i: int) -> object:
            return rows[i].onboarding_done
    else:
        collate = collator()
        known = {} if keys is None else keys

        def sort_key(i: int) -> object:
            text = display[i][column]
            found = known.get(text)
            if found is None:
                found = known[text] = collate(text)
            return found

    return sorted(range(len(rows)), key=sort_key, reverse=descending)


def render_sorted(
    rows: list[ParticipantRow], totals: dict[str, int], sorted_by: tuple[int, bool]
) -> tuple[list[ParticipantRow], list[tuple[str, ...]], list[str]]:
    """``render_rows`` in the order ``sorted_by`` (column, descending): the background loader's work, so
    that the GUI thread neither renders nor sorts 10,000 rows."""
    display, search = render_rows(rows, totals)
    order = sort_order(rows, display, *sorted_by)
    return [rows[i] for i in order], [display[i] for i in order], [search[i] for i in order]


class ParticipantsModel(QAbstractTableModel):
    """Every participant of the programme, sorted; the rows passing the search text are the model's rows.

    ``_rows``, ``_display`` and ``_search`` hold every participant, in the order of ``sorted_by``;
    ``_shown`` holds the positions in them of the rows that pass the search and the quick filters
    (None: every row).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        self._display: list[tuple[str, ...]] = []
        self._search: list[str] = []
        self._shown: list[int] | None = None
        self._words: list[str] = []
        self._quick = QuickFilter()
        self._passing: tuple[QuickFilter, list[int]] | None = None  # the rows passing a quick filter
        self.sorted_by: tuple[int, bool] = (0, False)  # column, descending: by name, A to Z
        self._totals = {role.value: len(onboarding_keys(role)) for role in Role}
        self._keys: dict[str, tuple[str, str, str]] = {}  # collation keys of the texts shown, by text
        self._keys_language = current_language()

    # -- data ---------------------------------------------------------------------------------

    @property
    def onboarding_totals(self) -> dict[str, int]:
        return dict(self._totals)

    def total(self) -> int:
        """How many participants there are, searched for or not."""
        return len(self._rows)

    def set_rows(self, rows: list[ParticipantRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._render()
        self._permute(self._sort_order(*self.sorted_by))
        self._shown = self._matching(self._words, self._quick)
        self.endResetModel()

    def set_rendered(
        self,
        rows: list[ParticipantRow],
        display: list[tuple[str, ...]],
        search: list[str],
        sorted_by: tuple[int, bool],
    ) -> None:
        """Rows rendered and sorted by ``sorted_by`` elsewhere (the background loader, ``render_sorted``);
        sorted again only when the coordinator chose another order meanwhile."""
        self.beginResetModel()
        self._rows, self._display, self._search = list(rows), display, search
        self._passing = None
        if sorted_by != self.sorted_by:
            self._permute(self._sort_order(*self.sorted_by))
        self._shown = self._matching(self._words, self._quick)
        self.endResetModel()

    def retranslate(self) -> None:
        """Re-render the texts in the interface language (after a language switch)."""
        self._render()
        self.sort_rows(*self.sorted_by)  # roles and statuses are sorted by their names
        self._show(self._matching(self._words, self._quick))  # the search texts hold the field names shown
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def _render(self) -> None:
        self._keys = {}  # the texts, or the language that sorts them, change
        self._display, self._search = render_rows(self._rows, self._totals)

    def _position(self, row: int) -> int:
        """The position in ``_rows`` of the model's ``row``."""
        return row if self._shown is None else self._shown[row]

    def row_at(self, row: int) -> ParticipantRow:
        return self._rows[self._position(row)]

    def source_row_of(self, participant_id: int) -> int | None:
        """The model's row of a participant, or None when she is not there or does not pass the search."""
        position = next((i for i, row in enumerate(self._rows) if row.id == participant_id), None)
        if position is None or self._shown is None:
            return position
        try:
            return self._shown.index(position)
        except ValueError:
            return None

    # -- the search ---------------------------------------------------------------------------

    def set_search(self, text: str, quick: QuickFilter | None = None) -> None:
        """Show the rows whose name, e-mail, fields, languages or interests hold every word of ``text``
        and that pass the ``quick`` filters (None: those chosen before)."""
        words = text.casefold().split()
        quick = self._quick if quick is None else quick
        if words == self._words and quick == self._quick:
            return
        # A longer text finds no row the shorter one did not: only the rows found are tested again.
        narrower = (
            quick == self._quick
            and self._shown is not None
            and all(any(old in new for new in words) for old in self._words)
        )
        self._words, self._quick = words, quick
        self._show(self._matching(words, quick, within=self._shown if narrower else None))

    def _matching(self, words: list[str], quick: QuickFilter, within: list[int] | None = None) -> list[int] | None:
        """The positions of the rows passing ``words`` and ``quick``, tested among those ``within`` (which
        pass ``quick``) when given; None when nothing is asked for."""
        if not words and quick == QuickFilter():
            return None
        found: list[int] | range
        if within is not None:
            found = within
        elif quick == QuickFilter():
            found = range(len(self._rows))
        else:
            found = self._passing_quick(quick)
        search = self._search
        if len(words) == 1:
            word = words[0]
            found = [i for i in found if word in search[i]]
        elif words:
            found = [i for i in found if all(word in search[i] for word in words)]
        return list(found)

    def _passing_quick(self, quick: QuickFilter) -> list[int]:
        """The positions of the rows passing the quick filters, kept while they and the rows stay."""
        if self._passing is not None and self._passing[0] == quick:
            return self._passing[1]
        rows, totals = self._rows, self._totals
        found = [
            i
            for i, row in enumerate(rows)
            if (quick.role is None or row.role == quick.role)
            and (quick.status is None or row.status == quick.status)
            and not (quick.unmatched and row.matched)
            and not (quick.onboarding_incomplete and row.onboarding_done >= totals.get(row.role, 0))
        ]
        self._passing = (quick, found)
        return found

    def _show(self, shown: list[int] | None) -> None:
        """Make ``shown`` the model's rows with one layout change, keeping selected rows that stay."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        positions = [self._position(index.row()) for index in old]
        self._shown = shown
        self._update_persistent(old, positions)
        self.layoutChanged.emit()

    def _update_persistent(self, old: list[QModelIndex], positions: list[int]) -> None:
        """Point the persistent indexes ``old``, which were at ``positions`` in ``_rows``, at their new rows."""
        if not old:
            return
        row_of = {p: p for p in positions} if self._shown is None else {p: r for r, p in enumerate(self._shown)}
        new = []
        for index, position in zip(old, positions, strict=True):
            row = row_of.get(position)
            new.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(old, new)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) if self._shown is None else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> object:
        return self.cell(index.row(), index.column(), role) if index.isValid() else None

    def cell(self, row: int, column: int, role: int) -> object:
        """What ``data()`` answers for the model's ``row`` and ``column``."""
        if role not in (DISPLAY_ROLE, TOOLTIP_ROLE, ID_ROLE):
            return None
        position = row if self._shown is None else self._shown[row]
        if role == ID_ROLE:
            return self._rows[position].id
        return self._display[position][column]

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        from PySide6.QtCore import Qt  # a sort order has arrived, so the namespace is there already

        self.sort_rows(column, order == Qt.SortOrder.DescendingOrder)

    # -- sorting ------------------------------------------------------------------------------

    def sort_rows(self, column: int, descending: bool = False) -> None:
        """Sort by ``column`` (dates and numbers as such, texts without regard to case), keeping the
        selection; the order is kept for the rows of every later load."""
        if not 0 <= column < len(COLUMNS):
            return
        self.sorted_by = (column, descending)
        order_of = self._sort_order(column, descending)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved_to = {old_position: new_position for new_position, old_position in enumerate(order_of)}
        positions = [moved_to[self._position(index.row())] for index in old]
        self._permute(order_of)
        if self._shown is not None:
            self._shown = sorted(moved_to[i] for i in self._shown)
        self._update_persistent(old, positions)
        self.layoutChanged.emit()

    def _sort_order(self, column: int, descending: bool) -> list[int]:
        if self._keys_language != current_language() or len(self._keys) > 4 * len(self._rows) + 1000:
            self._keys, self._keys_language = {}, current_language()  # another language, or many old texts
        return sort_order(self._rows, self._display, column, descending, self._keys)

    def _permute(self, order_of: list[int]) -> None:
        """Put the rows in the order of ``order_of`` (positions); the caller tells the views."""
        self._rows = [self._rows[i] for i in order_of]
        self._display = [self._display[i] for i in order_of]
        self._search = [self._search[i] for i in order_of]
        self._passing = None


class ParticipantsProxy(QSortFilterProxyModel):
    """What the view shows: passes the search, the quick filters and the sorting to the model (see the
    module's docstring)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.quick = QuickFilter()

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan) -> None:
        """Every role of a cell in one call. The view asks for seven roles of every visible cell on every
        repaint, and QSortFilterProxyModel would otherwise make each a call through C++ into Python.
        This proxy neither filters nor sorts (the model does both), so its rows and columns are the
        model's: no mapToSource, which would ask the model for its row and column counts each time."""
        model = self.sourceModel()
        row, column = index.row(), index.column()
        for role_data in roleDataSpan:
            role_data.setData(model.cell(row, column, role_data.role()))

    def apply(self, text: str | None = None, quick: QuickFilter | None = None) -> None:
        """Filter by the search ``text`` and the ``quick`` filters (None: unchanged)."""
        if text is not None:
            self.text = text
        if quick is not None:
            self.quick = quick
        self.refilter()

    def refilter(self) -> None:
        """After the rows changed: the same search and filters over the new rows."""
        model = self.sourceModel()
        if isinstance(model, ParticipantsModel):
            model.set_search(self.text, self.quick)

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
