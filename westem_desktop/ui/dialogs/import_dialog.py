"""Import participants: choose the file, confirm or change what each column holds with a preview,
then see what went in and which rows were refused (with row, column and reason), saved as a CSV to fix.

The file is read and checked against the import's limits in a background thread: the dialog stays
responsive and shows the rows read so far; a pipe, a device or a file beyond the limits is refused there.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.io import participant_import as pi
from westem_desktop.core.io.tables import Table, TableReadError, read_table
from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.widgets.focus import show_focus
from westem_desktop.ui.widgets.forms import error_label
from westem_desktop.ui.widgets.screen import resize_within_screen

PREVIEW_ROWS = 8


class _Reading(QObject):
    """Carries the reading thread's news to the GUI thread (queued signals), tagged with its generation."""

    progressed = Signal(int, int)  # generation, rows read
    finished = Signal(int, object, str)  # generation, the table or None, the reason it was refused


class ImportDialog(QDialog):
    """``imported`` is True once rows were written. ``tableLoaded(ok)`` tells that a file was read (or
    refused); ``reading`` is True meanwhile."""

    tableLoaded = Signal(bool)

    def __init__(
        self, actions: ActionRunner, programme_id: int, parent: QWidget | None = None, path: Path | None = None
    ):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import participants"))
        resize_within_screen(self, 900, 560)
        self.actions, self.programme_id = actions, programme_id
        self.table: Table | None = None
        self.checked: pi.CheckedRows | None = None
        self.outcome: pi.ImportResult | None = None
        self.imported = False
        self.reading = False
        self.source_name = ""
        self._generation = 0
        self._reading = _Reading(self)
        self._reading.progressed.connect(self._read_progress)
        self._reading.finished.connect(self._read_finished)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._result_page())
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        if path is not None:
            self.load(path)

    # -- page 1: the file and its columns --------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.file_label = QLabel(_("No file chosen yet."), page)
        self.file_label.setWordWrap(True)
        choose = QPushButton(_("Choose a file…"), page)
        choose.setObjectName("chooseFile")
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        hint = QLabel(_("Check what each column holds; columns set to “Not imported” are left out."), page)
        hint.setWordWrap(True)
        self.preview = QTableWidget(page)
        show_focus(self.preview)  # the focus is seen when the list is empty too
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName(_("Preview of the file"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.preview.verticalHeader().setVisible(True)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.read_progress = QProgressBar(page)
        self.read_progress.setObjectName("readProgress")
        self.read_progress.setRange(0, 0)  # busy: how many rows there are is known only at the end
        self.read_progress.setTextVisible(True)
        self.read_progress.hide()
        self.mapping_problem = error_label(page, "mappingProblem")
        self.mapping_problem.show()
        self.skip_existing = QRadioButton(_("Skip people already registered (same e-mail address)"), page)
        self.skip_existing.setObjectName("skipExisting")
        self.skip_existing.setChecked(True)
        self.update_existing = QRadioButton(_("Update people already registered with the file’s details"), page)
        self.update_existing.setObjectName("updateExisting")
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.read_progress)
        layout.addWidget(hint)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.mapping_problem)
        layout.addWidget(self.skip_existing)
        layout.addWidget(self.update_existing)
        return page

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the spreadsheet"),
            str(Path.home()),
            _("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read ``path`` in a background thread; ``tableLoaded`` follows."""
        self._generation += 1
        generation, news = self._generation, self._reading
        self.reading, self.table = True, None
        self.source_name = path.name
        self.file_label.setText(_("Reading {file}…").format(file=path.name))
        self.read_progress.setFormat(_("Reading…"))
        self.read_progress.show()
        self.setCursor(Qt.CursorShape.BusyCursor)  # working, yet the dialog answers (the reading is a thread)
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.combos: list[QComboBox] = []
        self._update_state()

        def tell(rows: int) -> None:
            news.progressed.emit(generation, rows)

        def work() -> None:
            table, reason = None, ""
            try:
                table = read_table(path, tell)
            except TableReadError as exc:
                reason = str(exc)
            except Exception as exc:  # whatever stops the reading is said, never lost
                reason = str(exc) or type(exc).__name__
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile: nobody waits
                news.finished.emit(generation, table, reason)

        thread = threading.Thread(target=work, name="import-reader", daemon=True)
        thread.start()

    def _read_progress(self, generation: int, rows: int) -> None:
        if generation == self._generation:
            self.read_progress.setFormat(ngettext("{n} row read…", "{n} rows read…", rows).format(n=rows))

    def _read_finished(self, generation: int, table: Table | None, reason: str) -> None:
        if generation != self._generation:
            return  # another file was chosen meanwhile
        self.reading = False
        self.read_progress.hide()
        self.unsetCursor()
        name = self.source_name
        self.table = table
        if table is None:
            self.file_label.setText(_("{file} could not be read: {reason}").format(file=name, reason=reason))
            self._update_state()
            self.tableLoaded.emit(False)
            return
        rows = len(table.rows)
        self.file_label.setText(ngettext("{file}: {n} row", "{file}: {n} rows", rows).format(file=name, n=rows))
        self._fill_preview(pi.guess_mapping(table.headers))
        self.tableLoaded.emit(True)

    def _fill_preview(self, mapping: dict[int, pi.Target]) -> None:
        table = self.table
        assert table is not None
        columns = len(table.headers)
        shown = table.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(columns)
        self.preview.setRowCount(len(shown) + 1)
        self.preview.setHorizontalHeaderLabels(table.headers)
        self.preview.setVerticalHeaderLabels([_("Holds")] + [str(number) for number, _cells in shown])
        self.combos = []
        for column in range(columns):
            combo = QComboBox(self.preview)
            combo.setObjectName(f"mapping{column}")
            combo.addItem(_("Not imported"), None)
            for target, text in pi.TARGET_LABELS.items():
                combo.addItem(_(text), target.value)
            target = mapping.get(column)
            combo.setCurrentIndex(combo.findData(target.value) if target else 0)
            combo.currentIndexChanged.connect(self._update_state)
            self.preview.setCellWidget(0, column, combo)
            self.combos.append(combo)
            for row, (_number, cells) in enumerate(shown, start=1):
                self.preview.setItem(row, column, QTableWidgetItem(cells[column] if column < len(cells) else ""))
        self.preview.resizeColumnsToContents()
        self._update_state()

    def mapping(self) -> dict[int, pi.Target]:
        found: dict[int, pi.Target] = {}
        for column, combo in enumerate(getattr(self, "combos", [])):
            value = combo.currentData()
            if value and pi.Target(value) not in found.values():
                found[column] = pi.Target(value)
        return found

    def _update_state(self) -> None:
        if self.reading:
            problem: str | None = ""
        elif self.table is None:
            problem = _("Choose a file to import.")
        else:
            problem = pi.mapping_problem(self.mapping())
        self.mapping_problem.setText(problem or "")
        self.import_button.setEnabled(problem is None)

    # -- page 2: the result ---------------------------------------------------------------------

    def _result_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.refusals = QTableWidget(page)
        self.refusals.setObjectName("refusals")
        self.refusals.setColumnCount(3)
        self.refusals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refusals.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.refusals.horizontalHeader().setStretchLastSection(True)
        self.refusals.verticalHeader().hide()
        self.save_refusals = QPushButton(_("Save the refused rows as CSV…"), page)
        self.save_refusals.setObjectName("saveRefusals")
        self.save_refusals.clicked.connect(self.save_refused_rows)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.refusals, 1)
        layout.addWidget(self.save_refusals, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def run_import(self) -> None:
        if self.table is None:
            return
        from westem_desktop.ui.busy import progress

        policy = pi.DuplicatePolicy.UPDATE if self.update_existing.isChecked() else pi.DuplicatePolicy.SKIP
        mapping = self.mapping()
        # A busy cursor, and progress with Cancel when it lasts; cancelling rolls the whole import back
        # (the message goes in the summary line).
        with progress(self, _("Importing participants…"), len(self.table.rows)) as step:

            def write(session) -> pi.ImportResult:
                self.checked = pi.check_rows(session, self.programme_id, self.table, mapping)
                return pi.apply_import(session, self.programme_id, self.checked, policy, step)

            done = self.actions.run(write, Change.PARTICIPANTS, self, line=self.summary)
        self.summary.show()
        if not done:
            self._show_result_page([])
            return
        result = self.outcome = done.value
        self.imported = bool(result.created or result.updated)
        self.summary.setText(pi.import_summary(result))
        self._show_result_page(result.refused)

    def _show_result_page(self, refused: list[pi.Refusal]) -> None:
        self.refusals.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.refusals.setRowCount(len(refused))
        for row, refusal in enumerate(refused):
            for column, text in enumerate((str(refusal.row), refusal.column, refusal.reason)):
                self.refusals.setItem(row, column, QTableWidgetItem(text))
        self.refusals.resizeColumnsToContents()
        self.refusals.setVisible(bool(refused))
        self.save_refusals.setVisible(bool(refused))
        self.pages.setCurrentIndex(1)
        self.import_button.hide()
        self.close_button.setText(_("Close"))
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)

    def save_refused_rows(self, path: Path | None = None) -> None:
        if self.outcome is None or self.table is None:
            return
        if not path:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save the refused rows"), str(Path.home() / "refused-rows.csv"), _("CSV (*.csv)")
            )
            if not chosen:
                return
            path = Path(chosen)
        pi.write_refusals(Path(path), self.table.headers, self.outcome.refused)
