"""The Cycle tab: the pairs by status (active, closed, ended or all) and phase, the pairs that need the
coordinator, and the selected pair's phases, checklists, guiding questions, notes and meetings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import MatchStatus, Phase, Style
from westem_desktop.core.errors import WestemError
from westem_desktop.core.labels import label
from westem_desktop.core.views.cycle import (
    CyclePair,
    attention,
    cycle_pairs,
    export_calendar,
    export_meetings,
    status_counts,
)
from westem_desktop.i18n import N_, _, ngettext
from westem_desktop.ui.actions import Change
from westem_desktop.ui.bulk import without_collection
from westem_desktop.ui.errors import reason
from westem_desktop.ui.formatting import decimal, short_date
from westem_desktop.ui.models.attention import AttentionModel
from westem_desktop.ui.models.roles import ID_ROLE
from westem_desktop.ui.models.rows import RowsModel, SourceSortingProxy
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message
from westem_desktop.ui.widgets.combo import translated_combo
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.pair_cycle import PairCycle

COLUMNS = (
    N_("Mentor"),
    N_("Mentee"),
    N_("Phase"),
    N_("Style"),
    N_("Meetings"),
    N_("Hours"),
    N_("Last meeting"),
    N_("Status"),
)
NAME_COLUMNS = (0, 1)
"""The mentor and the mentee: the columns that take the width the others (phase, counts, dates) leave."""
STATUS_COLUMN = 7
HIDDEN_COLUMNS = (3, 5)
"""The style and the hours, shown in the pair's panel; the header's context menu shows them in the list."""
STATUSES = (MatchStatus.ACTIVE.value, MatchStatus.CLOSED.value, MatchStatus.ENDED.value, None)
"""The choices of the status filter, in order; None shows every pair."""


FITTED_ROWS = 60
"""How many rows a column fitted to its texts reads (those on screen first): the widths of what is seen."""
ATTENTION_BATCH = 100
"""The attention lines measured in one go: the list shows them at once and measures the rest in batches."""

TWO_LINE_TITLES = (6,)
"""The last meeting's title, two words over its short dates: on two lines, so that the names get the room."""


def two_lines(title: str) -> str:
    """``title`` broken at the space nearest its middle ("Last meeting" is "Last\nmeeting"); one word stays."""
    spaces = [i for i, char in enumerate(title) if char == " "]
    if not spaces:
        return title
    cut = min(spaces, key=lambda i: abs(len(title) / 2 - i))
    return f"{title[:cut]}\n{title[cut + 1 :]}"


class CycleModel(RowsModel):
    """The pairs of the Cycle tab; the titles of ``TWO_LINE_TITLES`` shown on two lines."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        title = super().headerData(section, orientation, role)
        if isinstance(title, str) and orientation == Qt.Orientation.Horizontal and section in TWO_LINE_TITLES:
            return two_lines(title)
        return title


def _texts(row: CyclePair) -> tuple[int, tuple[str, ...], dict[int, object]]:
    texts = (
        row.mentor,
        row.mentee,
        f"{row.phase}. {_(PHASE_NAMES[Phase(row.phase)])}",
        label(Style(row.style)),
        str(row.meetings),
        decimal(row.minutes / 60),
        short_date(row.last_meeting),
        label(MatchStatus(row.status)),
    )
    return row.id, texts, {5: row.minutes, 6: row.last_meeting}


def _keys() -> dict[int, object]:
    """The columns' sort keys from the pairs themselves: sorting formats no date or number."""
    from westem_desktop.ui.models.rows import text_key

    return {
        0: lambda r: text_key(r.mentor),
        1: lambda r: text_key(r.mentee),
        2: lambda r: r.phase,
        3: lambda r: text_key(label(Style(r.style))),
        4: lambda r: r.meetings,
        5: lambda r: r.minutes,
        6: lambda r: r.last_meeting,
        7: lambda r: text_key(label(MatchStatus(r.status))),
    }


class CycleTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def build_content(self) -> QWidget:
        content = QWidget(self)
        self._all: list[CyclePair] = []
        self._shown: list[CyclePair] = []
        self._phase_filter: int | None = None
        self._status_shown: object = ...  # the status the status column was last set for
        self.attention_count = 0
        self.model = CycleModel(COLUMNS, _texts, self, ident=lambda row: row.id, keys=_keys())
        self.proxy = SourceSortingProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(content)
        self.view.setObjectName("cyclePairs")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the model gives each cell its whole text as tooltip
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.horizontalHeader()
        for column in range(len(COLUMNS)):  # the names share the width; the other columns fit their texts
            stretch = column in NAME_COLUMNS
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents
            )
            self.view.setColumnHidden(column, column in HIDDEN_COLUMNS)
        # A column fitted to its texts reads the rows on screen and a few more, not a thousand (Qt's default).
        header.setResizeContentsPrecision(FITTED_ROWS)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.view.selectionModel().selectionChanged.connect(self._selected)

        self.status_filter = translated_combo(content, "pairStatusFilter")
        for status in STATUSES:
            self.status_filter.addItem("", status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.phase_filter = translated_combo(content, "phaseFilter")
        for value in (0, *(int(p) for p in Phase)):
            self.phase_filter.addItem("", value)
        self.phase_filter.currentIndexChanged.connect(lambda i: self._filter_phase(self.phase_filter.itemData(i)))
        bar = QHBoxLayout()
        bar.addWidget(self.status_filter, 1)
        bar.addWidget(self.phase_filter, 1)
        tab_order(self.status_filter, self.phase_filter, self.view)  # the filters stand above the table

        self.plan_button = QPushButton(content)
        self.plan_button.setObjectName("applyPlan")
        self.plan_button.clicked.connect(self.apply_plan)
        self.ics_button = QPushButton(content)
        self.ics_button.setObjectName("exportCalendar")
        self.ics_button.clicked.connect(self.export_calendar)
        self.meetings_button = QPushButton(content)
        self.meetings_button.setObjectName("exportMeetings")
        self.meetings_button.clicked.connect(self.export_meetings)
        self.actions.edits(self.plan_button)
        buttons = QHBoxLayout()
        for button in (self.plan_button, self.ics_button, self.meetings_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.attention_label = QLabel(content)
        self.attention_label.setObjectName("attentionLabel")
        self.attention_model = AttentionModel(self)  # computed once per programme and change
        self.attention = QListView(content)
        self.attention.setObjectName("attentionList")
        self.attention.setModel(self.attention_model)
        self.attention.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attention.setUniformItemSizes(False)
        self.attention.setWordWrap(True)  # a line says who and what: it wraps rather than run off the list
        self.attention.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attention.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.attention.setResizeMode(QListView.ResizeMode.Adjust)
        # Each wrapped line is measured: a few screens at once, the rest while the window is idle.
        self.attention.setLayoutMode(QListView.LayoutMode.Batched)
        self.attention.setBatchSize(ATTENTION_BATCH)
        self.attention_label.setBuddy(self.attention)  # "3 pairs need you" names the list
        self.reminders_button = QPushButton(content)
        self.reminders_button.setObjectName("writeQuietReminders")
        self.reminders_button.clicked.connect(self.write_reminders)
        self.attention.activated.connect(self._attention_chosen)
        self.attention.clicked.connect(self._attention_chosen)

        self.detail = PairCycle(self.actions, content)
        self.detail.closed.connect(self._pair_closed)

        left = QWidget(content)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.view, 3)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.attention_label)
        left_layout.addWidget(self.attention, 1)
        left_layout.addWidget(self.reminders_button, 0, Qt.AlignmentFlag.AlignRight)  # below the list it writes to
        splitter = QSplitter(Qt.Orientation.Horizontal, content)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([7000, 4000])  # in proportion: the list wider, the pair's panel keeps at least what it needs
        layout = QVBoxLayout(content)
        layout.addWidget(splitter)
        return content

    def title(self) -> str:
        if self.attention_count:
            return _("Cycle ({n})").format(n=self.attention_count)
        return _("Cycle")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.pairs == 0 and not self._all:
            return (
                _("No pairs to follow yet"),
                _(
                    "Once pairs are formed, follow each of them here through the four phases of the "
                    "mentoring cycle: preparation, negotiation, activation and closure."
                ),
                _("Go to Matches"),
            )
        return None

    def retranslate(self) -> None:
        by_status = status_counts(self._all)
        names = {
            MatchStatus.ACTIVE.value: _("Active pairs ({n})"),
            MatchStatus.CLOSED.value: _("Closed pairs ({n})"),
            MatchStatus.ENDED.value: _("Ended pairs ({n})"),
            None: _("All pairs ({n})"),
        }
        for index, status in enumerate(STATUSES):
            self.status_filter.setItemText(index, names[status].format(n=by_status.get(status, 0)))
        of_status = self._of_status()
        by_phase = {int(phase): sum(1 for r in of_status if r.phase == phase) for phase in Phase}
        self.phase_filter.setItemText(0, _("All phases ({n})").format(n=len(of_status)))
        for phase in Phase:
            self.phase_filter.setItemText(int(phase), f"{_(PHASE_NAMES[phase])} ({by_phase[int(phase)]})")
        self.attention_label.setText(
            ngettext("{n} pair needs you", "{n} pairs need you", self.attention_count).format(n=self.attention_count)
        )
        self.view.setAccessibleName(_("Pairs"))
        self.status_filter.setAccessibleName(_("Status"))
        self.phase_filter.setAccessibleName(_("Phase"))
        self.plan_button.setText(_("&Meeting plan…"))
        self.ics_button.setText(_("Calendar (.ics)…"))
        self.meetings_button.setText(_("Meetings…"))
        self.reminders_button.setText(_("Write &reminders…"))
        self.reminders_button.setToolTip(_("E-mail drafts reminding the quiet pairs of this list"))
        self.reminders_button.setEnabled(self.attention_count > 0)
        self.ics_button.setToolTip(_("Export the planned meetings for your calendar"))
        self.meetings_button.setToolTip(_("Export every meeting as a spreadsheet"))
        self.detail.retranslate()
        self.show_content_or_empty_state()

    def translate_ui(self) -> None:
        self.model.retranslate()
        self.attention_model.retranslate()  # the same entries in the new language: nothing is read again
        super().translate_ui()

    # -- data ---------------------------------------------------------------------------------

    def programme_switched(self) -> None:
        self._all = []  # another programme's pairs are not shown while this one's are not read yet
        self.attention_model.set_entries([], {})

    @without_collection  # many rows at once: see ui/bulk.py
    def reload(self) -> None:
        self._all = cycle_pairs(self.db, self.programme_id) if self.programme_id else []
        self._apply_filter()
        self._fill_attention()
        self.retranslate()

    def _fill_attention(self) -> None:
        """The programme's pairs that need the coordinator, read once per programme and change."""
        if self.programme_id is None:
            self.attention_model.set_entries([], {})
        else:
            names = {r.id: f"{r.mentor} – {r.mentee}" for r in self._all}
            self.attention_model.set_entries(attention(self.db, self.programme_id), names)
        self.attention_count = self.attention_model.pairs()
        self.titleChanged.emit()

    def _column_menu(self, point: QPoint) -> None:
        """The header's context menu: show or hide a column (the mentor and the mentee always stay)."""
        menu = QMenu(self)
        for column, name in enumerate(COLUMNS):
            if column in (0, 1):
                continue
            action = menu.addAction(_(name))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.view.setColumnHidden(c, not shown))
        menu.exec(self.view.horizontalHeader().mapToGlobal(point))

    def _of_status(self) -> list[CyclePair]:
        status = self.status_filter.currentData()
        if self._status_shown != status:  # one status chosen: its column says nothing; all: it tells them apart
            self._status_shown = status
            self.view.setColumnHidden(STATUS_COLUMN, status is not None)
        return [r for r in self._all if status is None or r.status == status]

    def _apply_filter(self) -> None:
        """Show the pairs of the chosen status and phase; the pair panel keeps its pair only while the
        pair is listed, and is cleared when it leaves the list (closed, ended, filtered out)."""
        selected = self.detail.match_id
        self._shown = [r for r in self._of_status() if self._phase_filter in (None, r.phase)]
        self.model.set_rows(self._shown)  # a reset: the selection goes without a signal
        if selected is not None and any(r.id == selected for r in self._shown):
            self._select_row(selected)  # selected again, so the panel reads the pair afresh
        else:
            self.detail.show_pair(None, None)
        self.retranslate()

    def _filter_phase(self, phase: int | None) -> None:
        self._phase_filter = phase or None
        self._apply_filter()

    def _selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        match_id = rows[0].data(ID_ROLE) if rows else None
        self.detail.show_pair(self.db, match_id)

    def select_pair(self, match_id: int) -> None:
        """Select a pair in the list, widening the filters when they hide it."""
        pair = next((r for r in self._all if r.id == match_id), None)
        if pair is not None and self.status_filter.currentData() not in (None, pair.status):
            self.status_filter.setCurrentIndex(STATUSES.index(pair.status))
        if self._phase_filter is not None:
            self.phase_filter.setCurrentIndex(0)
        self._select_row(match_id)

    def _select_row(self, match_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == match_id:
                self.view.selectRow(row)
                return

    def _attention_chosen(self, index: QModelIndex) -> None:
        self.select_pair(index.data(ID_ROLE))

    def apply_plan(self) -> None:
        from westem_desktop.core.meetings import apply_plan  # what writes is loaded when first used
        from westem_desktop.ui.dialogs.plan_dialog import PlanDialog

        active = [r for r in self._all if r.status == MatchStatus.ACTIVE]
        pair = next((r for r in active if r.id == self.detail.match_id), None)
        dialog = PlanDialog(f"{pair.mentor} – {pair.mentee}" if pair else None, self)
        if not dialog.exec():
            return
        plan, start, every = dialog.values()
        ids = [r.id for r in active] if every or pair is None else [pair.id]
        added = self.actions.run(lambda session: apply_plan(session, ids, plan, start), Change.CYCLE, self)
        if added:
            self.statusMessage.emit(
                ngettext("{n} meeting planned.", "{n} meetings planned.", added.value).format(n=added.value)
            )

    def _save_path(self, title: str, name: str, filters: str) -> Path | None:

        path, _filter = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), filters)
        return Path(path) if path else None

    def export_calendar(self) -> None:
        path = self._save_path(_("Export the planned meetings"), "meetings.ics", _("Calendar (*.ics)"))
        if path is not None:
            from westem_desktop.ui.busy import busy

            with busy():
                count = export_calendar(self.db, self.programme_id, path)
            self.statusMessage.emit(ngettext("{n} meeting exported.", "{n} meetings exported.", count).format(n=count))

    def export_meetings(self) -> None:
        path = self._save_path(
            _("Export the meetings"), "meetings.xlsx", _("Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)")
        )
        if path is None:
            return
        from westem_desktop.ui.busy import busy

        try:
            with busy():
                count = export_meetings(self.db, self.programme_id, path)
        except (WestemError, OSError) as exc:
            QMessageBox.warning(self, _("Export the meetings"), reason(exc, path))
            return
        self.statusMessage.emit(ngettext("{n} meeting exported.", "{n} meetings exported.", count).format(n=count))

    def write_reminders(self) -> None:
        """E-mail drafts to the quiet pairs of the attention list."""
        if self.programme_id is not None:
            from westem_desktop.ui.dialogs.letters_dialog import QUIET, write_letters

            write_letters(self.db, self.programme_id, QUIET, self)

    def write_thanks(self, match_ids: list[int] | None = None) -> None:
        """E-mail drafts thanking the people of the closed pairs (or of ``match_ids``), certificates attached."""
        if self.programme_id is not None:
            from westem_desktop.ui.dialogs.letters_dialog import THANKS, write_letters

            write_letters(self.db, self.programme_id, THANKS, self, match_ids)

    def _pair_closed(self, match_id: int) -> None:
        from westem_desktop.ui.end_or_close import thanks_offer

        answer = QMessageBox.information(
            self,
            _("The pair is closed"),
            thanks_offer(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.write_thanks([match_id])
