"""The Matches tab: the pairs, the mentees still without a mentor and the mentors with free places side
by side, pairing by hand, suggestions, mentees' requests, changing a pair's style and ending a pair.

The tab reads its lists as plain rows (``core.views.matches``); what writes, and the dialogs, are
imported when used, so a first visit loads neither the storage library nor the matching's arrays.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import MatchStatus, Phase, Style
from westem_desktop.core.labels import label
from westem_desktop.core.read import FreePerson, PairRow
from westem_desktop.core.views.matches import matches_view
from westem_desktop.core.vocabulary import field_label, language_name
from westem_desktop.i18n import N_, _, ngettext
from westem_desktop.ui.actions import Change, Outcome
from westem_desktop.ui.bulk import without_collection
from westem_desktop.ui.end_or_close import end_or_close_help, end_tip
from westem_desktop.ui.formatting import short_date
from westem_desktop.ui.models.roles import ID_ROLE
from westem_desktop.ui.models.rows import RowsModel, SourceSortingProxy, text_key
from westem_desktop.ui.tabs.base import PARTICIPANTS_TAB, TabPage, no_programme_message
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.shared_columns import SharedColumns

PAIR_COLUMNS = (
    N_("Pair"),
    N_("Mentor"),
    N_("Mentee"),
    N_("State"),
    N_("Style"),
    N_("Phase"),
    N_("Start"),
    N_("Group"),
)


PERSON_COLUMNS = (N_("Name"), N_("Languages"), N_("Fields of expertise"), N_("Free places"))


def _pair_texts(row: PairRow) -> tuple[int, tuple[str, ...], dict[int, object]]:
    # An ordinary pair is one to one; a mentor with several mentees at once mentors a group.
    group = (
        ngettext("{n} mentee", "{n} mentees", row.group_size).format(n=row.group_size)
        if row.group_size > 1
        else _("1:1")
    )
    return (
        row.id,
        (
            str(row.id),
            row.mentor,
            row.mentee,
            label(MatchStatus(row.status)),
            label(Style(row.style)),
            _(PHASE_NAMES[Phase(row.phase)]),
            short_date(row.start),
            group,
        ),
        {0: row.id, 6: row.start},
    )


def _start(row: PairRow) -> str:
    return row.start


def _person_texts(row: FreePerson) -> tuple[int, tuple[str, ...]]:
    languages = ", ".join(language_name(code) for code in row.languages)
    return row.id, (row.name, languages, ", ".join(field_label(f) for f in row.fields), str(row.free_places))


class PairsFilter(SourceSortingProxy):
    """The pairs listed: every pair, or the active ones only (read from the pair, not from its words)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.active_only = False

    def set_active_only(self, active_only: bool) -> None:
        if active_only != self.active_only:
            self.beginFilterChange()
            self.active_only = active_only
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not self.active_only or self.sourceModel().source_row(row).status == MatchStatus.ACTIVE


def _table(
    parent: QWidget, model, name: str, sort_column: int = 0, proxy: SourceSortingProxy | None = None
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = proxy or SourceSortingProxy(parent)
    proxy.setSourceModel(model)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


def _widths(view: QTableView, chars: tuple[int, ...]) -> None:
    char = view.fontMetrics().averageCharWidth()
    for column, n in enumerate(chars):
        view.setColumnWidth(column, n * char + 12)


class MatchesTab(TabPage):
    prerequisite_tab = PARTICIPANTS_TAB

    def build_content(self) -> QWidget:
        content = QWidget(self)
        # Sorting by a name, a number or a date reads the rows themselves: it formats nothing.
        pair_keys = {0: lambda r: r.id, 1: lambda r: text_key(r.mentor), 2: lambda r: text_key(r.mentee)}
        person_keys = {0: lambda r: text_key(r.name), 3: lambda r: r.free_places}
        ident = attrgetter("id")
        self.pairs_model = RowsModel(PAIR_COLUMNS, _pair_texts, self, ident=ident, keys={**pair_keys, 6: _start})
        self.mentees_model = RowsModel(
            PERSON_COLUMNS[:3], lambda r: (r.id, _person_texts(r)[1][:3]), self, ident=ident, keys=person_keys
        )
        self.mentors_model = RowsModel(PERSON_COLUMNS, _person_texts, self, ident=ident, keys=person_keys)
        self.pairs_view, self.pairs_proxy = _table(content, self.pairs_model, "pairsTable", 1, PairsFilter(content))
        self.mentees_view, _p1 = _table(content, self.mentees_model, "freeMentees")
        self.mentors_view, _p2 = _table(content, self.mentors_model, "freeMentors")
        _widths(self.pairs_view, (6, 24, 24, 10, 25, 14, 11))
        # Languages and free places as wide as their texts (or titles); names, then fields of expertise, share the rest.
        self.mentees_columns = SharedColumns(self.mentees_view, {1: 10}, (0, 2))
        self.mentors_columns = SharedColumns(self.mentors_view, {1: 10, 3: 6}, (0, 2))
        self.only_active = QCheckBox(content)
        self.only_active.setObjectName("onlyActive")
        self.only_active.setChecked(True)
        self.only_active.toggled.connect(self._filter_pairs)

        self.suggest_button = QPushButton(content)
        self.suggest_button.setObjectName("suggestPairs")
        self.suggest_button.clicked.connect(self.suggest_pairs)
        self.requests_button = QPushButton(content)
        self.requests_button.setObjectName("requests")
        self.requests_button.clicked.connect(self.open_requests)
        self.pair_button = QPushButton(content)
        self.pair_button.setObjectName("pairByHand")
        self.pair_button.clicked.connect(self.pair_selected)
        self.style_button = QPushButton(content)
        self.style_button.setObjectName("changeStyle")
        self.style_button.clicked.connect(self.toggle_style)
        self.contact_button = QPushButton(content)
        self.contact_button.setObjectName("firstContact")
        self.contact_button.clicked.connect(self.first_contact)
        self.end_button = QPushButton(content)
        self.end_button.setObjectName("endPair")
        self.end_button.clicked.connect(self.end_selected)
        self.reenrol_button = QPushButton(content)
        self.reenrol_button.setObjectName("reenrolMentee")
        self.reenrol_button.clicked.connect(self.reenrol_selected)
        self.actions.edits(
            self.suggest_button,
            self.requests_button,
            self.pair_button,
            self.style_button,
            self.contact_button,
            self.end_button,
            self.reenrol_button,
        )
        for view in (self.pairs_view, self.mentees_view, self.mentors_view):
            view.selectionModel().selectionChanged.connect(self._update_buttons)
        # The pair's history, from the table's context menu (the Menu key too); on a server only.
        self.history_action = QAction(self.pairs_view)
        self.history_action.triggered.connect(self.history_of_selected)
        self.pairs_view.addAction(self.history_action)
        # Introductions: offered under the tables once pairs are created, and for the selected pair from
        # the table's context menu (the Menu key too); Programme ▸ Write introductions… writes all new pairs'.
        self.introductions_action = QAction(self.pairs_view)
        self.introductions_action.setObjectName("actionIntroduceSelected")
        self.introductions_action.triggered.connect(self.introduce_selected)
        self.pairs_view.addAction(self.introductions_action)
        self.pairs_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.letters_button = QPushButton(content)
        self.letters_button.setObjectName("writeIntroductions")
        self.letters_button.clicked.connect(lambda: self.write_introductions())
        self.letters_button.hide()

        self.pairs_label = QLabel(content)
        self.mentees_label = QLabel(content)
        self.mentors_label = QLabel(content)
        # Each table is named by the line above it (a screen reader reads it with the table).
        self.pairs_label.setBuddy(self.pairs_view)
        self.mentees_label.setBuddy(self.mentees_view)
        self.mentors_label.setBuddy(self.mentors_view)
        self.end_help = QLabel(content)
        self.end_help.setObjectName("endOrCloseHelp")
        self.end_help.setWordWrap(True)
        self.message = QLabel(content)
        self.message.setObjectName("matchesMessage")
        self.message.setWordWrap(True)

        heading = QHBoxLayout()
        heading.addWidget(self.pairs_label)
        heading.addWidget(self.only_active)
        heading.addStretch(1)
        top = QHBoxLayout()  # the buttons in a row of their own: in Dutch one row is wider than a laptop
        top.addStretch(1)
        for button in (
            self.suggest_button,
            self.requests_button,
            self.style_button,
            self.contact_button,
            self.end_button,
            self.reenrol_button,
        ):
            top.addWidget(button)
        pairs = QWidget(content)
        pairs_layout = QVBoxLayout(pairs)
        pairs_layout.setContentsMargins(0, 0, 0, 0)
        pairs_layout.addLayout(heading)
        pairs_layout.addLayout(top)
        pairs_layout.addWidget(self.pairs_view)
        pairs_layout.addWidget(self.end_help)
        free = QWidget(content)
        free_layout = QHBoxLayout(free)
        free_layout.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.mentees_label)
        left.addWidget(self.mentees_view)
        right.addWidget(self.mentors_label)
        right.addWidget(self.mentors_view)
        middle = QVBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.pair_button)
        middle.addStretch(1)
        free_layout.addLayout(left, 1)
        free_layout.addLayout(middle)
        free_layout.addLayout(right, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, content)
        splitter.addWidget(pairs)
        splitter.addWidget(free)
        layout = QVBoxLayout(content)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.letters_button)
        layout.addLayout(bottom)
        tab_order(  # as they stand: the heading's box and the buttons above the tables
            self.only_active,
            self.suggest_button,
            self.requests_button,
            self.style_button,
            self.contact_button,
            self.end_button,
            self.reenrol_button,
            self.pairs_view,
            self.mentees_view,
            self.pair_button,
            self.mentors_view,
            self.letters_button,
        )
        return content

    # -- texts --------------------------------------------------------------------------------

    def title(self) -> str:
        return _("Matches")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.mentors == 0 or self.overview.mentees == 0:
            return (
                _("Register mentors and mentees first"),
                _("Pairs are formed from the mentors and mentees on the Participants tab."),
                _("Go to Participants"),
            )
        return None

    def retranslate(self) -> None:
        self._fit_word_columns()
        self.mentees_columns.fit()
        self.mentors_columns.fit()
        self.only_active.setText(_("Active pairs only"))
        self.suggest_button.setText(_("&Suggest pairs…"))
        self.requests_button.setText(_("&Requests…"))
        self.pair_button.setText(_("Pair →←"))
        self.pair_button.setToolTip(_("Pair the selected mentee with the selected mentor"))
        self.style_button.setText(_("Change st&yle"))
        self.contact_button.setText(_("First &contact made…"))
        self.end_button.setText(_("&End pair…"))
        self.end_button.setToolTip(end_tip())
        self.end_help.setText(end_or_close_help())
        self.reenrol_button.setText(_("Re-enrol for a new round…"))
        self.letters_button.setText(_("Write &introductions…"))
        self.letters_button.setToolTip(_("E-mail drafts introducing the new pairs, each in the pair’s language"))
        self.introductions_action.setText(_("Write the introduction…"))
        self.reenrol_button.setToolTip(
            _("Put the mentee of this closed or ended pair back among the mentees without a mentor")
        )
        self._update_labels()
        self._update_buttons()
        self.show_content_or_empty_state()

    def _update_labels(self) -> None:
        active = sum(1 for r in self.pairs_model._source if r.status == MatchStatus.ACTIVE)
        self.pairs_label.setText(ngettext("{n} active pair", "{n} active pairs", active).format(n=active))
        n = self.mentees_model.rowCount()
        self.mentees_label.setText(
            ngettext("{n} mentee without a mentor", "{n} mentees without a mentor", n).format(n=n)
        )
        places = sum(r.free_places for r in self.mentors_model._source)
        self.mentors_label.setText(
            ngettext("Mentors with free places ({n} place)", "Mentors with free places ({n} places)", places).format(
                n=places
            )
        )

    def _fit_word_columns(self) -> None:
        """The pairs' state, style, phase and start as wide as the widest word or date they can show in
        this language (or their title): never elided, while the group takes the room left."""
        view, metrics = self.pairs_view, self.pairs_view.fontMetrics()
        header = view.horizontalHeader()
        words = {
            3: [label(status) for status in MatchStatus],
            4: [label(style) for style in Style],
            5: [_(PHASE_NAMES[phase]) for phase in Phase],
            6: [short_date(dt.date(2026, month, 28)) for month in range(1, 13)],
        }
        for column, texts in words.items():
            need = max(metrics.horizontalAdvance(text) for text in texts) + 16
            view.setColumnWidth(column, max(need, header.sectionSizeHint(column)))

    def translate_ui(self) -> None:
        for model in (self.pairs_model, self.mentees_model, self.mentors_model):
            model.retranslate()
        self._filter_pairs()
        super().translate_ui()

    # -- data ---------------------------------------------------------------------------------

    def programme_switched(self) -> None:
        self.letters_button.hide()  # offered for the pairs just created in this programme

    @without_collection  # many rows at once: see ui/bulk.py
    def reload(self) -> None:
        if self.programme_id is None:
            pairs, mentees, mentors = [], [], []
        else:
            pairs, mentees, mentors = matches_view(self.db, self.programme_id)
        self.pairs_model.set_rows(pairs)
        self.mentees_model.set_rows(mentees)
        self.mentors_model.set_rows(mentors)
        self._filter_pairs()
        self.retranslate()

    def _filter_pairs(self) -> None:
        self.pairs_proxy.set_active_only(self.only_active.isChecked())
        self.history_action.setText(_("History…"))
        self.history_action.setVisible(bool(getattr(self.db, "is_server", False)))  # the audit: on a server only

    def _selected(self, view: QTableView) -> int | None:
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        return rows[0].data(ID_ROLE) if rows else None

    def selected_pair(self) -> PairRow | None:
        pair_id = self._selected(self.pairs_view)
        return next((r for r in self.pairs_model._source if r.id == pair_id), None)

    def _update_buttons(self) -> None:
        pair = self.selected_pair()
        active = pair is not None and pair.status == MatchStatus.ACTIVE
        for button in (self.style_button, self.contact_button, self.end_button):
            button.setEnabled(active)
        self.reenrol_button.setEnabled(pair is not None and not active)
        self.introductions_action.setEnabled(pair is not None)
        both = self._selected(self.mentees_view) is not None and self._selected(self.mentors_view) is not None
        self.pair_button.setEnabled(both)

    def _change_pairs(self, write, dialog: QWidget | None = None, line: QLabel | None = None) -> Outcome:
        """A change to the pairs; a refusal is shown under the tables. When someone else changed or deleted
        the pair since the tab read it, the tables are read again so that the other's change shows, and the
        message stays. A ``dialog`` that asked for the change shows the refusal in its ``line`` and stays
        open with what was typed."""
        from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError

        shown = self._selected(self.pairs_view)
        outcome = self.actions.run(write, Change.PAIRS, dialog or self, line=line or self.message)
        if isinstance(outcome.error, ConcurrentChangeError | RowDeletedError):
            self.reload()
            for row in range(self.pairs_proxy.rowCount()):  # the same pair stays selected, now as saved
                if self.pairs_proxy.index(row, 0).data(ID_ROLE) == shown:
                    self.pairs_view.selectRow(row)
                    break
        return outcome

    # -- actions ------------------------------------------------------------------------------

    def pair_selected(self) -> None:
        from westem_desktop.core.pairs import create_pair

        mentee, mentor = self._selected(self.mentees_view), self._selected(self.mentors_view)
        if (
            mentee is not None
            and mentor is not None
            and self._change_pairs(lambda session: create_pair(session, mentee, mentor))
        ):
            self.letters_button.show()  # the new pair's introduction, offered at once

    def toggle_style(self) -> None:
        pair = self.selected_pair()
        if pair is not None:
            from westem_desktop.core.pairs import set_style

            new = Style.TRADITIONAL if pair.style == Style.FLASH else Style.FLASH
            self._change_pairs(lambda session: set_style(session, pair.id, new, pair.row_version))

    def first_contact(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        from westem_desktop.core.pairs import set_first_contact
        from westem_desktop.ui.dialogs.date_prompt import DatePrompt

        version = pair.row_version

        def save(day: dt.date) -> bool:
            outcome = self._change_pairs(
                lambda session: set_first_contact(session, pair.id, day, version), prompt, prompt.error
            )
            prompt.refused(outcome.error)
            return outcome.done

        def reload() -> None:  # the tab read the pair again with the refusal: the next save is on that
            nonlocal version
            version = self._row_version(pair.id, version)

        prompt = DatePrompt(
            _("First contact"),
            _("{mentee} contacted {mentor} for a first meeting on:").format(mentee=pair.mentee, mentor=pair.mentor),
            _("Date"),
            self,
            save=save,
            reload=reload,
        )
        prompt.exec()

    def history_of_selected(self) -> None:
        """Who changed the selected pair and everything of it, and when."""
        from westem_desktop.ui.dialogs.history_dialog import show_history

        pair = self.selected_pair()
        if pair is not None:
            name = _("{mentee} and {mentor}").format(mentee=pair.mentee, mentor=pair.mentor)
            show_history(self.db, name, self, match_id=pair.id)

    def end_selected(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        from westem_desktop.core.pairs import end_pair
        from westem_desktop.ui.dialogs.end_pair_dialog import EndPairDialog

        version = pair.row_version

        def save(ended_on: dt.date, reason: str) -> bool:
            outcome = self._change_pairs(
                lambda session: end_pair(session, pair.id, ended_on, reason, version), dialog, dialog.error
            )
            dialog.refused(outcome.error)
            return outcome.done

        def reload() -> None:  # the tab read the pair again with the refusal: the next End is on that
            nonlocal version
            version = self._row_version(pair.id, version)

        dialog = EndPairDialog(pair.mentor, pair.mentee, self, save, reload)
        dialog.exec()

    def _row_version(self, pair_id: int, otherwise: int) -> int:
        """The pair's version as the tab shows it now."""
        row = next((r for r in self.pairs_model._source if r.id == pair_id), None)
        return row.row_version if row is not None else otherwise

    def reenrol_selected(self) -> None:
        """The mentee of the selected closed or ended pair takes part in a new round."""
        pair = self.selected_pair()
        if pair is not None and pair.status != MatchStatus.ACTIVE:
            from westem_desktop.ui.dialogs.reenrol import reenrol

            reenrol(self.actions, pair.mentee_id, pair.mentee, self)

    def suggest_pairs(self) -> None:
        from westem_desktop.ui.dialogs.suggestions_dialog import SuggestionsDialog

        dialog = SuggestionsDialog(self.actions, self.programme_id, self)
        dialog.exec()
        if dialog.applied:
            self.letters_button.show()

    def write_introductions(self, match_ids: list[int] | None = None) -> None:
        """E-mail drafts introducing the new pairs (or the pairs ``match_ids``) to each other."""
        if self.programme_id is None:
            return
        from westem_desktop.ui.dialogs.letters_dialog import INTRODUCTIONS, write_letters

        write_letters(self.db, self.programme_id, INTRODUCTIONS, self, match_ids)

    def introduce_selected(self) -> None:
        pair = self.selected_pair()
        if pair is not None:
            self.write_introductions([pair.id])

    def open_requests(self) -> None:
        from westem_desktop.ui.dialogs.requests_dialog import RequestsDialog

        dialog = RequestsDialog(self.actions, self.programme_id, self)
        dialog.exec()
