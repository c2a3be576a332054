"""The Participants tab: the register of mentors and mentees, searched as you type, with add, edit,
delete (Edit ▸ Undo, Ctrl+Z, takes each step back), import, export and the privacy actions."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.enums import ParticipantStatus, Role
from westem_desktop.core.errors import WestemError
from westem_desktop.core.labels import label
from westem_desktop.core.read import participant_rows
from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.actions import Change
from westem_desktop.ui.errors import reason
from westem_desktop.ui.formatting import integer
from westem_desktop.ui.models.participants import (
    COLUMNS,
    ID_ROLE,
    ParticipantsModel,
    ParticipantsProxy,
    QuickFilter,
    column_titles,
    first_screen,
    render_sorted,
)
from westem_desktop.ui.tabs.base import TabPage, no_programme_message
from westem_desktop.ui.widgets.columns import FitColumns
from westem_desktop.ui.widgets.combo import translated_combo
from westem_desktop.ui.widgets.focus import tab_order

COLUMN_CHARS = (26, 9, 32, 24, 7, 12, 6, 11, 13, 9)
"""The columns' starting widths, in average characters."""
FLEXIBLE_COLUMNS = {0: 18, 2: 14, 3: 12, 5: 6}
"""Name, e-mail, fields and languages narrow, down to so many characters, when the table is too narrow."""
BACKGROUND_FROM = 2000
"""From this many participants the table is read in a background thread, so the window stays responsive."""


FIRST_SCREEN = 100
"""The background loader shows this many rows first (more than a screen holds), then all of them."""


class _Loader(QObject):
    """Carries the rows read in the background thread back to the GUI thread (queued signals): the
    first screen of rows, then every row."""

    first = Signal(int, object)
    loaded = Signal(int, object)


class ParticipantsTable(QTableView):
    """The table, with its context menu and the Delete key; handled here rather than with a context-menu
    policy and a widget shortcut, whose settings need the ``Qt`` namespace (start path: see the README)."""

    deleteRequested = Signal()

    def __init__(self, menu: QMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu = menu

    def contextMenuEvent(self, event) -> None:
        self.menu.exec(event.globalPos())

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Delete):
            self.deleteRequested.emit()
        else:
            super().keyPressEvent(event)


class ParticipantsTab(TabPage):
    watches = Change.PARTICIPANTS | Change.PAIRS | Change.CYCLE

    def build_content(self) -> QWidget:
        content = QWidget(self)
        self.undo_stack = self.actions.undo_stack  # the window's: Edit ▸ Undo reaches it from anywhere
        self.model = ParticipantsModel(self)
        self.proxy = ParticipantsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(content)
        self.search.setObjectName("participantSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 32)
        self.search.textChanged.connect(lambda text: self.proxy.apply(text=text) or self._update_count())
        self.role_filter = translated_combo(content, "roleFilter")
        self.status_filter = translated_combo(content, "statusFilter")
        self.unmatched = QCheckBox(content)
        self.unmatched.setObjectName("unmatchedFilter")
        self.incomplete = QCheckBox(content)
        self.incomplete.setObjectName("onboardingFilter")
        for widget in (self.role_filter, self.status_filter):
            widget.currentIndexChanged.connect(self._quick_changed)
        for box in (self.unmatched, self.incomplete):
            box.toggled.connect(self._quick_changed)

        self.add_button = QPushButton(content)
        self.add_button.setObjectName("addParticipant")
        self.add_button.clicked.connect(self.add_participant)
        self.import_button = QPushButton(content)
        self.import_button.setObjectName("importParticipants")
        self.import_button.clicked.connect(self.import_participants)
        self.export_button = QPushButton(content)
        self.export_button.setObjectName("exportParticipants")
        self.export_button.clicked.connect(self.export_participants)
        self.more_button = QToolButton(content)
        self.more_button.setObjectName("moreActions")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.act_edit = self.more_menu.addAction("", self.edit_selected)
        self.act_delete = self.more_menu.addAction("", self.delete_selected)
        self.act_reenrol = self.more_menu.addAction("", self.reenrol_selected)
        self.act_history = self.more_menu.addAction("", self.history_of_selected)  # on a server only
        self.act_register = self.more_menu.addAction("", self.show_mentor_register)  # on a server only
        self.more_menu.addSeparator()
        self.act_export_one = self.more_menu.addAction("", self.export_personal_data)
        self.act_erase = self.more_menu.addAction("", self.erase_selected)
        self.more_button.setMenu(self.more_menu)

        self.view = ParticipantsTable(self.more_menu, content)
        self.view.setObjectName("participantsTable")
        self.view.setModel(self.proxy)
        # The column titles come from a model of their own (see ParticipantsTable); a click on one sorts.
        self.titles = QStandardItemModel(0, len(COLUMNS), self)
        header = self.view.horizontalHeader()
        header.setModel(self.titles)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._sort_clicked)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        # Starting widths in characters, so names and e-mail addresses are readable in every language;
        # widened to the column's title in retranslate().
        char = self.view.fontMetrics().averageCharWidth()
        for column, chars in enumerate(COLUMN_CHARS):
            self.view.setColumnWidth(column, chars * char + 12)
        # Never wider than the table: name, e-mail, fields and languages give up room (cut short with
        # the full text in a tooltip).
        self.fit_columns = FitColumns(self.view, FLEXIBLE_COLUMNS, lambda c: column_titles()[c])
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.count_label = QLabel(content)
        self.count_label.setObjectName("participantCount")

        # The Delete key in the table (ParticipantsTable); undo and redo are the main window's Edit menu.
        self.delete_action = QAction(self)
        self.delete_action.triggered.connect(self.delete_selected)
        # Its key is delivered by the table (attached to no widget, the action itself never takes it); the
        # key is set here so that Help ▸ Keyboard shortcuts lists it.
        self.delete_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        self.actions.edits(
            self.add_button, self.import_button, self.act_edit, self.act_delete, self.act_reenrol, self.act_erase
        )
        self.actions.edits(self.delete_action)
        self.view.deleteRequested.connect(self.delete_action.trigger)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.search.setFocus)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.more_button)
        filters = QHBoxLayout()
        filters.addWidget(self.role_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.unmatched)
        filters.addWidget(self.incomplete)
        filters.addStretch(1)
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        tab_order(  # the search and its buttons, then the filters under them (made first), then the table
            self.search,
            self.add_button,
            self.import_button,
            self.export_button,
            self.more_button,
            self.role_filter,
            self.status_filter,
            self.unmatched,
            self.incomplete,
            self.view,
        )
        self._loaded_for: int | None = None
        self._generation = 0
        self.loading = False
        self._loader = _Loader(self)
        self._loader.first.connect(self._first_screen_loaded)
        self._loader.loaded.connect(self._background_loaded)
        return content

    # -- texts --------------------------------------------------------------------------------

    def title(self) -> str:
        return _("Participants")

    def empty_message(self) -> tuple[str, ...] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.participants == 0 and not self.model.total() and not self.loading:
            return (
                _("No mentors or mentees yet"),
                _(
                    "Register the mentors and mentees of this programme: add them one by one, or import "
                    "the spreadsheet from your registration form."
                ),
                _("Add a participant…"),
                _("Import a spreadsheet…"),
            )
        return None

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search name, e-mail, field, language or interest (Ctrl+F)"))
        self.search.setAccessibleName(_("Search participants"))
        self.role_filter.setAccessibleName(_("Role"))
        self.status_filter.setAccessibleName(_("Status"))
        self.view.setAccessibleName(_("Participants"))
        self._fill_combo(self.role_filter, _("All roles"), [(r.value, label(r)) for r in Role])
        self._fill_combo(self.status_filter, _("Any status"), [(s.value, label(s)) for s in ParticipantStatus])
        self.unmatched.setText(_("Unmatched"))
        self.incomplete.setText(_("Onboarding incomplete"))
        self.add_button.setText(_("&Add…"))
        self.import_button.setText(_("&Import…"))
        self.export_button.setText(_("E&xport…"))
        self.more_button.setText(_("More"))
        self.act_edit.setText(_("Edit…"))
        self.act_delete.setText(_("Delete"))
        self.act_export_one.setText(_("Export everything stored about her…"))
        self.act_erase.setText(_("Erase personal data…"))
        self.act_reenrol.setText(_("Re-enrol for a new round…"))
        self.act_history.setText(_("History…"))
        self.act_register.setText(_("Mentor register of every programme…"))
        server = bool(getattr(self.db, "is_server", False))  # only a server keeps a history and a register
        self.act_history.setVisible(server)
        self.act_register.setVisible(server)
        self.delete_action.setText(_("Delete the selected participants"))
        self.find_shortcut.setWhatsThis(_("Search the participants"))
        titles = column_titles()
        self.titles.setHorizontalHeaderLabels(titles)
        self._fit_titles(titles)
        self._update_count()
        self.show_content_or_empty_state()

    def _fit_titles(self, titles: list[str]) -> None:
        """Widen the columns whose title would not fit ("Startchecklista"); never narrow one."""
        metrics = self.view.horizontalHeader().fontMetrics()
        room = 2 * metrics.averageCharWidth() + 24  # the margins and the sort arrow
        for column, title in enumerate(titles):
            needed = metrics.horizontalAdvance(title) + room
            if self.view.columnWidth(column) < needed:
                self.view.setColumnWidth(column, needed)
        self.fit_columns.fit()

    def _sort_clicked(self, column: int) -> None:
        """A click on a column's title sorts by it, A to Z; a second click Z to A."""
        from PySide6.QtCore import Qt  # after the first click, not on the start path

        current, descending = self.model.sorted_by
        descending = not descending if column == current else False
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.model.sort_rows(column, descending)

    @staticmethod
    def _fill_combo(combo: QComboBox, anything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(anything, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _update_count(self) -> None:
        if self.loading:
            self.count_label.setText(_("Loading participants…"))
            return
        shown, total = self.proxy.rowCount(), self.model.total()
        text = ngettext("{n} participant", "{n} participants", total).format(n=integer(total))
        if shown != total:
            text = _("{shown} of {total}").format(shown=integer(shown), total=text)
        self.count_label.setText(text)

    # -- data ---------------------------------------------------------------------------------

    def empty_action(self) -> None:
        if self.programme_id is None:
            self.requestNewProgramme.emit()
        else:
            self.add_participant()

    def _empty_action(self) -> None:
        self.empty_action()

    def _empty_second_action(self) -> None:
        self.import_participants()

    def programme_switched(self) -> None:
        self.undo_stack.clear()  # the steps of another programme

    def load(self) -> None:
        """A large register of another programme is read in the background; else at once."""
        if self.programme_id != self._loaded_for and self.overview.participants >= BACKGROUND_FROM:
            self.stale = False
            self._load_in_background()
        else:
            super().load()

    def reload(self) -> None:
        rows = participant_rows(self.db.read(), self.programme_id) if self.programme_id else []
        selected = self.selected_ids()
        self._generation += 1  # a background load still running is now out of date
        self.loading = False
        self.model.set_rows(rows)
        self.proxy.refilter()
        self._loaded_for = self.programme_id
        self.retranslate()
        self._select(selected)

    def _load_in_background(self) -> None:
        self._generation += 1
        generation, connect, programme_id = self._generation, self.db.connect_reader, self.programme_id
        totals, sorted_by = self.model.onboarding_totals, self.model.sorted_by
        self.loading = True
        self.model.set_rows([])
        self._loaded_for = programme_id
        self.retranslate()

        def work() -> None:
            try:
                conn = connect()
                try:
                    if sorted_by == (0, False):  # the first screen first, in the table's first order
                        first = first_screen(conn, programme_id, totals, FIRST_SCREEN)
                        self._loader.first.emit(generation, (*first, sorted_by))
                    rows = participant_rows(conn, programme_id)
                finally:
                    conn.close()
                payload = (*render_sorted(rows, totals, sorted_by), sorted_by)
            except Exception:
                payload = None
            self._loader.loaded.emit(generation, payload)

        # Started from the event loop, so that the window is on screen before the thread takes its turns.
        thread = threading.Thread(target=work, name="participants-loader", daemon=True)
        QTimer.singleShot(0, thread.start)

    def _first_screen_loaded(self, generation: int, payload: object) -> None:
        """The first rows by name while the others load (the count still says it is loading)."""
        if generation != self._generation or not self.loading:
            return
        self.model.set_rendered(*payload)
        self.proxy.refilter()

    def _background_loaded(self, generation: int, payload: object) -> None:
        if generation != self._generation:
            return
        self.loading = False
        if payload is None:
            self.reload()
            return
        self.model.set_rendered(*payload)
        self.proxy.refilter()
        self.retranslate()

    def _quick_changed(self) -> None:
        self.proxy.apply(
            quick=QuickFilter(
                role=self.role_filter.currentData(),
                status=self.status_filter.currentData(),
                unmatched=self.unmatched.isChecked(),
                onboarding_incomplete=self.incomplete.isChecked(),
            )
        )
        self._update_count()

    def selected_ids(self) -> list[int]:
        if self.view.selectionModel() is None:
            return []
        return [self.proxy.data(index, ID_ROLE) for index in self.view.selectionModel().selectedRows()]

    def _select(self, ids: list[int]) -> None:
        selection = self.view.selectionModel()
        for participant_id in ids:
            source_row = self.model.source_row_of(participant_id)
            if source_row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
            if index.isValid():
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                )
                self.view.scrollTo(index)

    # -- actions ------------------------------------------------------------------------------

    def _dialog(self, participant_id: int | None) -> int | None:
        from westem_desktop.core import participants as people
        from westem_desktop.core.views.participants import for_editing
        from westem_desktop.ui.dialogs.participant_dialog import ParticipantDialog
        from westem_desktop.ui.tabs.participants_undo import AddParticipant, EditParticipant

        before = for_editing(self.db, participant_id) if participant_id is not None else None
        saved: list[int] = []

        def save(data: people.ParticipantData, onboarding: dict) -> bool:
            """The command writes as it is pushed (its redo); a refusal keeps the dialog open."""
            if participant_id is None:
                command = AddParticipant(self.actions, dialog, self.programme_id, data, onboarding, dialog.error)
            else:
                command = EditParticipant(
                    self.actions, dialog, participant_id, before[:2], (data, onboarding), dialog.error, dialog.version
                )
            self.undo_stack.push(command)
            outcome = command.outcome
            if outcome.error is not None:
                dialog.refused(outcome.error)
            if outcome:
                command.where, command.line = self, None  # undo and redo answer here, once the dialog is gone
                saved.append(outcome.value)
            return outcome.done

        def reload() -> tuple[people.ParticipantData, dict, int]:
            """The participant as saved now (someone else's newer change): what an undo then goes back to."""
            nonlocal before
            before = for_editing(self.db, participant_id)
            return before

        dialog = ParticipantDialog(
            before[0] if before else None,
            before[1] if before else {},
            save,
            self,
            version=before.version if before else None,
            reload=reload if participant_id is not None else None,
        )
        dialog.exec()
        if saved:
            self.view.clearSelection()
            self._select(saved[-1:])
        return saved[-1] if saved else None

    def add_participant(self) -> int | None:
        return self._dialog(None) if self.programme_id is not None else None

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._dialog(ids[0])

    def delete_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.ui.tabs.participants_undo import DeleteParticipants

        ids = self.selected_ids()
        if not ids:
            return
        question = ngettext(
            "Delete {n} participant? Ctrl+Z brings it back.",
            "Delete {n} participants? Ctrl+Z brings them back.",
            len(ids),
        ).format(n=len(ids))
        answer = QMessageBox.question(self, _("Delete"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        shown = {}  # the versions the table showed: a delete over someone else's newer change is refused
        for participant_id in ids:
            source_row = self.model.source_row_of(participant_id)
            if source_row is not None:
                shown[participant_id] = self.model.row_at(source_row).row_version
        self.undo_stack.push(DeleteParticipants(self.actions, self, ids, shown, self.reload))

    def undo(self) -> None:
        if self.undo_stack.canUndo():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo():
            self.undo_stack.redo()

    def import_participants(self) -> None:
        from westem_desktop.ui.dialogs.import_dialog import ImportDialog

        if self.programme_id is None:
            return
        dialog = ImportDialog(self.actions, self.programme_id, self)
        dialog.exec()
        if dialog.imported:
            self.undo_stack.clear()  # an import is not undone step by step

    def export_participants(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from westem_desktop.core.views.participants import export_participants

        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export participants"),
            str(Path.home() / "participants.xlsx"),
            _("Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"),
        )
        if not path:
            return
        from westem_desktop.ui.busy import busy

        try:
            with busy():
                count = export_participants(self.db, self.programme_id, Path(path))
        except (WestemError, OSError) as exc:
            QMessageBox.warning(self, _("Export participants"), reason(exc, Path(path)))
            return
        self.statusMessage.emit(
            ngettext("{n} participant exported.", "{n} participants exported.", count).format(n=count)
        )

    def export_personal_data(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from westem_desktop.core.views.participants import export_personal_data

        ids = self.selected_ids()
        if len(ids) != 1:
            return
        row = self.model.row_at(self.model.source_row_of(ids[0]))
        suggested = Path.home() / f"{row.name or ids[0]}.txt"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export everything stored about her"), str(suggested), _("Text file (*.txt)")
        )
        if path:
            from westem_desktop.ui.busy import busy

            with busy():
                export_personal_data(self.db, ids[0], Path(path))

    def reenrol_selected(self) -> None:
        """A new round for the selected participant (a mentee after her pair was closed or ended)."""
        from westem_desktop.ui.dialogs.reenrol import reenrol

        ids = self.selected_ids()
        if len(ids) != 1:
            return
        row = self.model.row_at(self.model.source_row_of(ids[0]))
        reenrol(self.actions, ids[0], row.name, self)

    def history_of_selected(self) -> None:
        """Who changed the selected participant, her onboarding, requests, pairs and certificates, and when."""
        from westem_desktop.ui.dialogs.history_dialog import show_history

        ids = self.selected_ids()
        if len(ids) == 1:
            row = self.model.row_at(self.model.source_row_of(ids[0]))
            show_history(self.db, row.name, self, participant_id=ids[0])

    def show_mentor_register(self) -> None:
        """The active mentors of every programme on the server, without their notes."""
        from westem_desktop.ui.dialogs.register_dialog import show_register

        show_register(self.db, self)

    def erase_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.core.privacy import erase_participant
        from westem_desktop.ui.erasure import clean_backups

        ids = self.selected_ids()
        if len(ids) != 1:
            return
        row = self.model.row_at(self.model.source_row_of(ids[0]))
        answer = QMessageBox.question(
            self,
            _("Erase personal data"),
            _(
                "Erase the personal data of {name}? Her name, e-mail, institution, country, languages, interests, "
                "onboarding dates and every free text about her pairs are removed for good. What the reports "
                "count (role, year, fields, meetings, ratings) stays. This cannot be undone."
            ).format(name=row.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            participant_id = ids[0]
            outcome = self.actions.run(
                lambda session: erase_participant(session, participant_id), Change.EVERYTHING & ~Change.PROGRAMMES, self
            )
            if outcome:
                self.undo_stack.clear()
                clean_backups(
                    self,
                    self.db.path,
                    outcome.value,
                    _("Erase personal data"),
                    _("The personal data of {name} was erased.").format(name=row.name),
                )

    def translate_ui(self) -> None:
        self.model.retranslate()
        super().translate_ui()
