"""The Evaluations tab: the forms still outstanding, a keyboard-driven entry form for answers copied from
paper (Tab moves, digits set ratings, Enter saves and opens the next, from every field; a value the rules
refuse is explained under its field), blank paper forms, and the programme report with its charts,
exported as PDF or XLSX."""

from __future__ import annotations

import datetime as dt
import heapq
import io
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QDate,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import Instrument, Phase, Role
from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError
from westem_desktop.core.instruments import FORM_TITLES, INSTRUMENTS, RATING_SCALE, Question
from westem_desktop.core.io.files import write_private
from westem_desktop.core.labels import label
from westem_desktop.core.views.evaluations import (
    OutstandingForm,
    blank_forms,
    entered_answers,
    evaluations_view,
    paper_form_pairs,
    programme_report,
)
from westem_desktop.core.views.programmes import document_language
from westem_desktop.i18n import N_, _, current_language, format_date, ngettext
from westem_desktop.ui.actions import Change
from westem_desktop.ui.bulk import without_collection
from westem_desktop.ui.dialogs.pdf_preview import PdfPreview
from westem_desktop.ui.models.roles import ID_ROLE
from westem_desktop.ui.models.rows import RowsModel, SourceSortingProxy
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message
from westem_desktop.ui.widgets.columns import FitColumns
from westem_desktop.ui.widgets.combo import translated_combo
from westem_desktop.ui.widgets.focus import show_focus, tab_order
from westem_desktop.ui.widgets.forms import date_edit, error_label, show_field_error

COLUMNS = (N_("Pair"), N_("Mentor"), N_("Mentee"), N_("Form"), N_("Filled in by"), N_("State"))
COLUMN_CHARS = (4, 10, 10, 0, 0, 0)  # the least width of each column in average characters (the form's stretches)
STATES = (("outstanding", N_("Outstanding")), ("entered", N_("Entered")), ("all", N_("Entered or outstanding")))
WIDEST = {"rating": 9, "count": 9999}
"""What a number field takes: any digit for a rating, four for a count. The rules (``core.evaluations``)
say what is allowed, and a refused value is explained under its field rather than swallowed by the field."""


class EnterSaves(QObject):
    """Enter or Return in a field of the form saves it, whatever the field: a line, a number, a choice, the
    date. (A choice box and a date field do nothing with Enter themselves; an open choice list keeps it.)"""

    def __init__(self, save, parent: QObject) -> None:
        super().__init__(parent)
        self.save = save

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return True
        return super().eventFilter(watched, event)


def scale_text(question: Question) -> str:
    """A rating's scale with the words for its ends: "1 = not at all … 5 = very useful"."""
    low, high = RATING_SCALE
    return _("{low} = {low_text} … {high} = {high_text}").format(
        low=low, high=high, low_text=_(question.low), high_text=_(question.high)
    )


class ElideMiddle(QStyledItemDelegate):
    """Cuts a text in its middle, so that both its beginning and its end are seen."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


def form_title(instrument: str, meeting_date: dt.date | None, length: str = "long") -> str:
    """A form's title, with its meeting's date (``medium``: "29 okt 2026", as the lists give dates)."""
    name = _(FORM_TITLES[Instrument(instrument)])
    return _("{form}, {date}").format(form=name, date=format_date(meeting_date, length)) if meeting_date else name


class PairChoices(QAbstractListModel):
    """The pair filter's choices: every pair, then each pair with a form, by number. A choice is worded
    when the list shows it: thousands of pairs fill no combo box item by item."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pairs: list[tuple[int, str, str]] = []
        self._row_of: dict[int, int] = {}

    def set_pairs(self, pairs: list[tuple[int, str, str]]) -> None:
        """(pair, mentor, mentee) of every pair with a form, by number."""
        self.beginResetModel()
        self._pairs = pairs
        self._row_of = {pair[0]: row for row, pair in enumerate(pairs, start=1)}
        self.endResetModel()

    def row_of(self, pair: int | None) -> int:
        """The row of ``pair`` (0: every pair), -1 when it has no form."""
        return 0 if pair is None else self._row_of.get(pair, -1)

    def retranslate(self) -> None:
        if self._pairs:
            self.dataChanged.emit(self.index(0), self.index(len(self._pairs)))
        else:
            self.dataChanged.emit(self.index(0), self.index(0))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pairs) + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row == 0:
                return _("All pairs")
            pair, mentor, mentee = self._pairs[row - 1]
            return _("{pair}: {mentor} and {mentee}").format(pair=pair, mentor=mentor, mentee=mentee)
        if role == Qt.ItemDataRole.UserRole:
            return None if row == 0 else self._pairs[row - 1][0]
        return None


class FormsFilter(SourceSortingProxy):
    """The forms the search and the choices above the list let through: pair, form, respondent, state."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.pair: int | None = None
        self.instrument: str | None = None
        self.role: str | None = None
        self.state = "outstanding"

    def set_filter(self, **values: object) -> None:
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        form = model.source_row(source_row)[1]
        if self.state != "all" and form.entered != (self.state == "entered"):
            return False
        if self.pair is not None and form.match_id != self.pair:
            return False
        if self.instrument is not None and form.instrument != self.instrument:
            return False
        if self.role is not None and form.role != self.role:
            return False
        if self.words:
            text = " ".join(model.row_texts(source_row)).casefold()
            return all(word in text for word in self.words)
        return True


class EvaluationsTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def build_content(self) -> QWidget:
        content = QWidget(self)
        self._rows: list = []
        self._pairs: list[tuple[int, str, str]] = []  # (pair, mentor, mentee) of every form listed
        self.entered = 0
        self.rows_model = RowsModel(COLUMNS, self._texts, self, ident=lambda row: row[0])
        self.model = FormsFilter(self)  # the forms listed: what the search and the filters let through
        self.model.setSourceModel(self.rows_model)
        self.view = QTableView(content)
        self.view.setObjectName("outstandingForms")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.selectionModel().selectionChanged.connect(self._selected)
        # The names give up room when the list is narrow; no column is narrower than its title.
        self.fit_columns = FitColumns(self.view, {1: 10, 2: 10}, lambda c: _(COLUMNS[c]))
        # The form's name with its date takes the room left, and when it is cut, the date is still seen
        # ("Evaluatie van de…29 okt 2026"); the others are as wide as their texts (translate_ui).
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.setItemDelegateForColumn(3, ElideMiddle(self.view))
        self.counts = QLabel(content)
        self.counts.setObjectName("evaluationCounts")
        self.counts.setWordWrap(True)
        self.search = QLineEdit(content)
        self.search.setObjectName("formSearch")
        self.search.setClearButtonEnabled(True)
        self.pair_filter = self._filter_box(content, "pairFilter", "pair")
        self.pair_choices = PairChoices(self.pair_filter)
        self.pair_filter.setModel(self.pair_choices)
        self.form_filter = self._filter_box(content, "formFilter", "instrument")
        self.form_filter.addItem("", None)
        for instrument in Instrument:
            self.form_filter.addItem("", instrument.value)
        self.role_filter = self._filter_box(content, "respondentFilter", "role")
        for role in (None, Role.MENTOR.value, Role.MENTEE.value):
            self.role_filter.addItem("", role)
        self.state_filter = self._filter_box(content, "stateFilter", "state")
        for state, _text in STATES:
            self.state_filter.addItem("", state)
        self.list_count = QLabel(content)
        self.reminders_button = QPushButton(content)
        self.reminders_button.setObjectName("writeEvaluationReminders")
        self.reminders_button.clicked.connect(self.write_reminders)
        self.list_count.setObjectName("listedForms")
        self.model.modelReset.connect(self._update_list_count)
        self.model.rowsInserted.connect(self._update_list_count)
        self.model.rowsRemoved.connect(self._update_list_count)
        self.model.layoutChanged.connect(self._update_list_count)

        self.form_title = QLabel(content)
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)
        self.form_title.setWordWrap(True)  # "…, ingevuld door de mentor van koppel 12" is long in a narrow pane
        self.form_area = QWidget(content)
        self.form_layout = QFormLayout(self.form_area)
        # Each question above its answer field: long Dutch and Norwegian questions stay readable.
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.fields: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}  # under each field, the reason its value was refused
        self.enter_saves = EnterSaves(self.save_and_next, self)
        self.submitted = date_edit(content, "submittedOn")
        self.submitted.installEventFilter(self.enter_saves)
        self.error = error_label(content)
        # After a save refused over someone else's copy: her answers that the saved copy does not have.
        self.yours = QLabel(content)
        self.yours.setObjectName("yourAnswers")
        self.yours.setWordWrap(True)
        self.yours.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.yours.hide()
        self._as_read: dict[str, tuple[str, str]] = {}  # the form's answers as shown when it was read
        self.save_button = QPushButton(content)
        self.save_button.setObjectName("saveEvaluation")
        self.save_button.clicked.connect(self.save_and_next)
        self.forms_button = QPushButton(content)
        self.forms_button.setObjectName("paperForms")
        self.forms_button.clicked.connect(self.paper_forms)
        # Deleting an entered form's answers: a button, and the Delete key and the context menu of the list.
        self.delete_button = QPushButton(content)
        self.delete_button.setObjectName("deleteAnswers")
        self.delete_button.clicked.connect(self.delete_answers)
        self.delete_action = QAction(self.view)
        self.delete_action.setObjectName("actionDeleteAnswers")
        self.delete_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_answers)
        self.view.addAction(self.delete_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.actions.edits(self.save_button, self.delete_button, self.delete_action)
        self.forms_kind = translated_combo(content, "paperFormKind")
        for instrument in Instrument:
            self.forms_kind.addItem("", instrument.value)
        self.forms_scope = translated_combo(content, "paperFormScope")
        for scope in ("pair", "all", 1, 2, 3, 4):
            self.forms_scope.addItem("", scope)
        entry = QWidget(content)
        entry_layout = QVBoxLayout(entry)
        entry_layout.addWidget(self.form_title)
        entry_layout.addWidget(self.form_area)
        bottom = QHBoxLayout()
        bottom.addWidget(self.submitted)
        bottom.addWidget(self.save_button)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        entry_layout.addLayout(bottom)
        entry_layout.addWidget(self.error)
        entry_layout.addWidget(self.yours)
        entry_layout.addStretch(1)
        # The blank paper forms: which form, for whom and the button each on a line of its own, so that
        # long Dutch and Norwegian choices are not cut off in a narrow pane.
        entry_layout.addWidget(self.forms_kind)
        entry_layout.addWidget(self.forms_scope)
        paper_button = QHBoxLayout()
        paper_button.addStretch(1)
        paper_button.addWidget(self.forms_button)
        entry_layout.addLayout(paper_button)

        left = QWidget(content)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.counts)
        left_layout.addWidget(self.search)
        filters = QHBoxLayout()
        for box in (self.pair_filter, self.form_filter, self.role_filter, self.state_filter):
            filters.addWidget(box, 1)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.view, 1)
        list_foot = QHBoxLayout()
        list_foot.addWidget(self.list_count, 1)
        list_foot.addWidget(self.reminders_button)
        left_layout.addLayout(list_foot)
        entering = QSplitter(Qt.Orientation.Horizontal, content)
        entering.addWidget(left)
        entering.addWidget(entry)
        entering.setStretchFactor(0, 3)
        entering.setStretchFactor(1, 2)

        self.report_page = QWidget(content)
        self.report_view = None  # the PDF view is made when the report is first shown
        self.report_pdf_button = QPushButton(self.report_page)
        self.report_pdf_button.setObjectName("reportPdf")
        self.report_pdf_button.clicked.connect(lambda: self.export_report("pdf"))
        self.report_xlsx_button = QPushButton(self.report_page)
        self.report_xlsx_button.setObjectName("reportXlsx")
        self.report_xlsx_button.clicked.connect(lambda: self.export_report("xlsx"))
        report_bar = QHBoxLayout()
        report_bar.addStretch(1)
        report_bar.addWidget(self.report_pdf_button)
        report_bar.addWidget(self.report_xlsx_button)
        self.report_layout = QVBoxLayout(self.report_page)
        self.report_layout.addLayout(report_bar)

        self.inner = QTabWidget(content)
        self.inner.setObjectName("evaluationPages")
        self.inner.addTab(entering, "")
        self.inner.addTab(self.report_page, "")
        self.inner.currentChanged.connect(self._page_changed)
        layout = QVBoxLayout(content)
        layout.addWidget(self.inner)
        tab_order(  # reading order: the pages' tabs, the list with its search above it, then the form
            self.inner.tabBar(),
            self.search,
            self.pair_filter,
            self.form_filter,
            self.role_filter,
            self.state_filter,
            self.view,
            self.reminders_button,
            self.submitted,
            self.save_button,
            self.forms_kind,
            self.forms_scope,
            self.forms_button,
            self.report_pdf_button,
            self.report_xlsx_button,
        )
        # The list narrows as the search is typed and a choice made (connected once the form exists).
        self.search.textChanged.connect(lambda text: self._filter(words=text.casefold().split()))
        for box in (self.pair_filter, self.form_filter, self.role_filter, self.state_filter):
            box.currentIndexChanged.connect(
                lambda _i, box=box: self._filter(**{box.property("filters"): box.currentData()})
            )
        return content

    # -- texts --------------------------------------------------------------------------------

    @staticmethod
    def _form_name(row, length: str = "long") -> str:
        return form_title(row.instrument, row.meeting_date, length)

    def _texts(self, row) -> tuple[int, tuple[str, ...]]:
        index, form = row
        state = _("Entered") if form.entered else _("Outstanding")
        return index, (
            str(form.match_id),
            form.mentor,
            form.mentee,
            self._form_name(form, "medium"),
            label(Role(form.role)),
            state,
        )

    def title(self) -> str:
        return _("Evaluations")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.pairs == 0:
            return (
                _("Nothing to evaluate yet"),
                _(
                    "Mentors and mentees evaluate every session, the midpoint and the end of the cycle. "
                    "Their answers are entered here once pairs have met."
                ),
                _("Go to Matches"),
            )
        return None

    def retranslate(self) -> None:
        self.inner.setTabText(0, _("Enter forms"))
        self.inner.setTabText(1, _("Programme report"))
        self.save_button.setText(_("&Save and next (Enter)"))
        self.delete_button.setText(_("&Delete the answers…"))
        self.delete_button.setToolTip(_("The form is outstanding again; Edit ▸ Undo brings the answers back."))
        self.delete_action.setText(_("&Delete the answers…"))
        self.delete_action.setStatusTip(_("Delete the answers of the selected form"))
        self.submitted.setAccessibleName(_("Date the form was filled in"))
        self.submitted.setToolTip(_("Date the form was filled in"))
        self.view.setAccessibleName(_("Evaluation forms"))
        self.forms_kind.setAccessibleName(_("Which paper form"))
        self.forms_scope.setAccessibleName(_("Paper forms for whom"))
        self.forms_button.setText(_("Blank &paper forms…"))
        self.reminders_button.setText(_("Write re&minders…"))
        self.reminders_button.setToolTip(
            _("E-mail drafts reminding the people whose evaluation is outstanding (of the chosen pair, or all)")
        )
        for i in range(self.forms_kind.count()):
            self.forms_kind.setItemText(i, _(FORM_TITLES[Instrument(self.forms_kind.itemData(i))]))
        self.forms_scope.setItemText(0, _("for the selected pair"))
        self.forms_scope.setItemText(1, _("for every active pair"))
        for phase in Phase:
            self.forms_scope.setItemText(
                int(phase) + 1, _("for the pairs in {phase}").format(phase=_(PHASE_NAMES[phase]).lower())
            )
        self.report_pdf_button.setText(_("Save as &PDF…"))
        self.report_xlsx_button.setText(_("Save as &XLSX…"))
        self.search.setPlaceholderText(_("Search by name, pair or form"))
        self.search.setAccessibleName(_("Search the forms"))
        self.pair_choices.retranslate()
        self.form_filter.setItemText(0, _("All forms"))
        for i in range(1, self.form_filter.count()):
            self.form_filter.setItemText(i, _(FORM_TITLES[Instrument(self.form_filter.itemData(i))]))
        self.role_filter.setItemText(0, _("Filled in by anyone"))
        for i in range(1, self.role_filter.count()):
            self.role_filter.setItemText(i, label(Role(self.role_filter.itemData(i))))
        for i, (_state, text) in enumerate(STATES):
            self.state_filter.setItemText(i, _(text))
        for box, name in (
            (self.pair_filter, _("Pair")),
            (self.form_filter, _("Form")),
            (self.role_filter, _("Filled in by")),
            (self.state_filter, _("State")),
        ):
            box.setAccessibleName(name)
        metrics = self.view.fontMetrics()
        # The respondent and the state columns hold one of two words: as wide as the wider, or their title;
        # the names as wide as the longest (of the few longest in characters: measuring is not free).
        words = {
            1: heapq.nlargest(8, {mentor for _pair, mentor, _mentee in self._pairs}, key=len),
            2: heapq.nlargest(8, {mentee for _pair, _mentor, mentee in self._pairs}, key=len),
            4: (label(Role.MENTOR), label(Role.MENTEE)),
            5: (_("Entered"), _("Outstanding")),
        }
        for column, chars in enumerate(COLUMN_CHARS):
            if column != 3:
                need = max((metrics.horizontalAdvance(word) for word in words.get(column, ())), default=0)
                width = max(chars * metrics.averageCharWidth(), need) + 12
                self.view.setColumnWidth(column, max(width, self.fit_columns.title_width(column)))
        self._update_list_count()
        n = sum(1 for _index, form in self._rows if not form.entered)
        outstanding = ngettext("{n} form outstanding", "{n} forms outstanding", n).format(n=n)
        entered = ngettext("{n} form entered", "{n} forms entered", self.entered).format(n=self.entered)
        self.counts.setText(f"{entered} · {outstanding}")
        self.show_content_or_empty_state()

    def _filter_box(self, parent: QWidget, name: str, attribute: str) -> QComboBox:
        box = QComboBox(parent)
        box.setObjectName(name)
        # Long names and choices never widen the window: the box shows what fits, the list shows all.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        box.setProperty("filters", attribute)
        return box

    def _filter(self, **values: object) -> None:
        """Narrow the list; the form shown follows: the selected one if still listed, else the first."""
        self.model.set_filter(**values)
        if not self.view.selectionModel().selectedRows():
            if self.model.rowCount():
                self.view.selectRow(0)
            else:
                self._build_form()

    def _update_list_count(self) -> None:
        shown, every = self.model.rowCount(), self.rows_model.rowCount()
        self.list_count.setText(
            ngettext("{shown} of {n} form listed", "{shown} of {n} forms listed", every).format(shown=shown, n=every)
        )

    def _fill_pairs(self) -> None:
        """The pair filter's choices: every pair with a form, by number; the chosen pair stays chosen."""
        chosen = self.pair_filter.currentData()
        pairs = self._pairs = sorted({(form.match_id, form.mentor, form.mentee) for _index, form in self._rows})
        self.pair_filter.blockSignals(True)
        self.pair_choices.set_pairs(pairs)
        self.pair_filter.setCurrentIndex(max(self.pair_choices.row_of(chosen), 0))
        self.pair_filter.blockSignals(False)
        if self.model.pair != self.pair_filter.currentData():  # the chosen pair is gone: every pair
            self.model.set_filter(pair=self.pair_filter.currentData())

    def translate_ui(self) -> None:
        chosen = self.view.selectionModel().selectedRows()
        form = chosen[0].data(ID_ROLE) if chosen else None
        self.rows_model.retranslate()
        if form is not None:  # the form chosen stays chosen in the new language
            rows = self.rows_model
            row = next((r for r in range(rows.rowCount()) if rows.source_row(r)[0] == form), None)
            shown = self.model.mapFromSource(rows.index(row, 0)) if row is not None else None
            if shown is not None and shown.isValid():
                self.view.selectRow(shown.row())
        self._fill_pairs()
        self._build_form()
        if self.inner.currentIndex() == 1:
            self.show_report()
        super().translate_ui()

    # -- data ---------------------------------------------------------------------------------

    @without_collection  # many rows at once: see ui/bulk.py
    def reload(self) -> None:
        rows = []
        if self.programme_id is not None:
            forms, self.entered = evaluations_view(self.db, self.programme_id)
            rows = list(enumerate(forms))
        self._rows = rows
        self.rows_model.set_rows(rows)
        self._fill_pairs()
        self.retranslate()
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self._build_form()
        if self.inner.currentIndex() == 1:
            self.show_report()

    def current_form(self):
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0].data(ID_ROLE)
        return self._rows[index][1]

    def _rating_checked(self, key: str, value: int) -> None:
        """A rating off the scale (7 on a 1–5 scale) is said under its field at once, not only on saving."""
        low, high = RATING_SCALE
        problem = self.problems.get(key)
        if problem is None:
            return
        if value and not low <= value <= high:
            problem.setText(
                _("{value} is not on the scale: type a digit from {low} to {high}.").format(
                    value=value, low=low, high=high
                )
            )
            self.form_layout.setRowVisible(problem, True)
        else:
            self.form_layout.setRowVisible(problem, False)

    def _selected(self) -> None:
        self._build_form()

    def _build_form(self) -> None:
        """The questions of the selected form: digits for ratings, lines for text, Enter to save."""
        # The old fields go once control is back in the event loop: Enter in one of them got us here.
        while self.form_layout.rowCount():
            row = self.form_layout.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().setObjectName("")  # a refusal finds the new field of that name
                    item.widget().deleteLater()
        self.fields, self.problems = {}, {}
        form = self.current_form()
        self.error.hide()
        self.yours.hide()
        self.save_button.setEnabled(form is not None)
        self.delete_button.setEnabled(form is not None and form.entered)
        self.delete_action.setEnabled(form is not None and form.entered)
        if form is None:
            self.form_title.setText(_("No form selected"))
            return
        self.form_title.setText(
            _("{form}, filled in by the {role} of pair {pair}").format(
                form=self._form_name(form), role=label(Role(form.role)).lower(), pair=form.match_id
            )
        )
        for question in INSTRUMENTS[Instrument(form.instrument)]:
            hint = None
            if question.kind in WIDEST:
                widget = QSpinBox(self.form_area)
                widget.setRange(0, WIDEST[question.kind])
                widget.setSpecialValueText("–")
                if question.kind == "rating":
                    low, high = RATING_SCALE
                    widget.setSpecialValueText(f"{low}–{high}")
                    hint = QLabel(scale_text(question), self.form_area)
                    hint.setObjectName(f"{question.key}Scale")
                    hint.setWordWrap(True)
                    widget.setAccessibleDescription(scale_text(question))
                    widget.valueChanged.connect(lambda value, key=question.key: self._rating_checked(key, value))
            elif question.kind == "yes_no":
                widget = QComboBox(self.form_area)
                widget.addItem("–", None)
                widget.addItem(_("Yes"), 1)
                widget.addItem(_("No"), 0)
            else:
                widget = QLineEdit(self.form_area)
            widget.setObjectName(question.key)
            widget.installEventFilter(self.enter_saves)
            question_label = QLabel(_(question.label), self.form_area)
            question_label.setBuddy(widget)  # the question names its field
            self.form_layout.addRow(question_label, widget)
            if hint is not None:
                self.form_layout.addRow(hint)
            problem = error_label(self.form_area, f"{question.key}Problem")
            self.form_layout.addRow(problem)
            self.form_layout.setRowVisible(problem, False)
            self.fields[question.key] = widget
            self.problems[question.key] = problem
        tab_order(self.view, *self.fields.values(), self.submitted)  # the questions before the date under them
        if form.entered:
            self._fill_entered(form)
        self._as_read = self._shown_answers()  # what she changes is what differs from these
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()
            if isinstance(first, QSpinBox):
                first.selectAll()  # the first digit typed replaces the "–"

    def _fill_entered(self, form) -> None:
        """An entered form shows its answers: saving again replaces them (a corrected copy)."""
        answers, submitted_on = entered_answers(self.db, form)
        for key, value in answers.items():
            widget = self.fields.get(key)
            if isinstance(widget, QSpinBox) and isinstance(value, int):
                widget.setValue(value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
        if submitted_on is not None:
            self.submitted.setDate(QDate(submitted_on))
        self.form_title.setText(_("{title} (entered: saving replaces it)").format(title=self.form_title.text()))

    def answers(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QSpinBox):
                values[key] = widget.value() or None
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
            else:
                values[key] = widget.text()
        return values

    def save_and_next(self) -> bool:
        form = self.current_form()
        if form is None:
            return False
        self.error.hide()
        for problem in self.problems.values():
            self.form_layout.setRowVisible(problem, False)
        answers, submitted_on = self.answers(), self.submitted.date().toPython()
        from westem_desktop.core.evaluations import record  # what writes is loaded when first used

        row = self.view.selectionModel().selectedRows()[0].row()
        saved = self.actions.run(
            lambda session: record(
                session,
                form.match_id,
                form.instrument,
                form.role,
                answers,
                meeting_id=form.meeting_id if form.instrument == "session" else None,
                submitted_on=submitted_on,
                seen=form.seen,
            ),
            Change.EVALUATIONS,
            self.form_area,
            refused=self._refused,
        )
        if isinstance(saved.error, ConcurrentChangeError | RowDeletedError):
            mine, read = self._shown_answers(), self._as_read
            self.show_again(form)  # the other's answers, as saved now
            show_field_error(self.form_area, self.error, str(saved.error), None)
            self._list_yours(mine, read)
        if not saved:
            return False
        if self.model.rowCount():
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        return True

    def _refused(self, message: str, field: str | None) -> None:
        """Say why under the field the rules refused (else under the form) and put the cursor there."""
        problem = self.problems.get(field or "")
        if problem is None:
            first = next(iter(self.fields), None)
            show_field_error(self.form_area, self.error, message, field if field in self.fields else first)
            return
        problem.setText(message)
        self.form_layout.setRowVisible(problem, True)
        widget = self.fields[field]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, (QSpinBox, QLineEdit)):
            widget.selectAll()

    def delete_answers(self) -> None:
        """Ask, naming the form and who filled it in, then delete the selected form's answers: it is
        outstanding again, and Edit ▸ Undo brings the answers back."""
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.ui.tabs.evaluations_undo import DeleteAnswers

        form = self.current_form()
        if form is None or not form.entered:
            return
        respondent = form.mentor if form.role == Role.MENTOR else form.mentee
        question = _(
            "Delete the answers that {name} ({role}) gave on “{form}” of pair {pair}? The form is outstanding "
            "again; Ctrl+Z brings the answers back."
        ).format(name=respondent, role=label(Role(form.role)).lower(), form=self._form_name(form), pair=form.match_id)
        if QMessageBox.question(self, _("Delete the answers"), question) != QMessageBox.StandardButton.Yes:
            return
        meeting_id = form.meeting_id if form.instrument == Instrument.SESSION else None
        key = (form.match_id, form.instrument, form.role, meeting_id)
        command = DeleteAnswers(self.actions, self, key, respondent, form.seen, lambda: self.show_again(form))
        self.actions.undo_stack.push(command)

    def _shown_answers(self) -> dict[str, tuple[str, str]]:
        """Each question of the form on screen and the answer its field shows, in the words of the form."""
        form = self.current_form()
        shown: dict[str, tuple[str, str]] = {}
        for question in INSTRUMENTS[Instrument(form.instrument)] if form is not None else ():
            widget = self.fields.get(question.key)
            if isinstance(widget, QSpinBox):
                text = widget.text() if widget.value() else ""
            elif isinstance(widget, QComboBox):
                text = widget.currentText() if widget.currentData() is not None else ""
            elif isinstance(widget, QLineEdit):
                text = widget.text()
            else:
                continue
            shown[question.key] = (_(question.label), text)
        return shown

    def _list_yours(self, mine: dict[str, tuple[str, str]], read: dict[str, tuple[str, str]]) -> None:
        """Under the refusal, the answers she typed (changed from what she had read) that the form as
        saved now does not have: nothing of hers is lost, she enters them again."""
        theirs = self._shown_answers()
        differing = [
            f"{name}: {text}"
            for key, (name, text) in mine.items()
            if read.get(key, ("", ""))[1] != text and theirs.get(key, ("", ""))[1] != text
        ]
        self.yours.setText(
            "\n".join([_("Your entries that were not saved (the fields show the saved ones):"), *differing])
        )
        self.yours.setVisible(bool(differing))

    def show_again(self, form: OutstandingForm) -> None:
        """Read the forms again (someone else changed one meanwhile) and select ``form`` as it is now."""
        self.reload()
        key = (form.match_id, form.role, form.instrument, form.meeting_id)
        for row in range(self.model.rowCount()):
            now = self._rows[self.model.index(row, 0).data(ID_ROLE)][1]
            if (now.match_id, now.role, now.instrument, now.meeting_id) == key:
                self.view.selectRow(row)
                break

    # -- documents ----------------------------------------------------------------------------

    def write_reminders(self) -> None:
        """E-mail drafts to the people with an evaluation outstanding: of the pair chosen above the list, or all."""
        if self.programme_id is None:
            return
        from westem_desktop.ui.dialogs.letters_dialog import EVALUATIONS, write_letters

        pair = self.pair_filter.currentData()
        write_letters(self.db, self.programme_id, EVALUATIONS, self, None if pair is None else [pair])

    def paper_forms(self):

        form = self.current_form()
        instrument = self.forms_kind.currentData()
        scope = self.forms_scope.currentData()
        db = self.db
        if scope == "pair" and form is not None:
            ids = [form.match_id]
        else:
            ids = paper_form_pairs(db, self.programme_id, scope if isinstance(scope, int) else None)
        if not ids:
            return None

        def render(language: str) -> bytes:
            buffer = io.BytesIO()
            from westem_desktop.documents.forms import write_forms  # reportlab: imported when printing

            write_forms(blank_forms(db, ids, instrument, language), buffer)
            return buffer.getvalue()

        language = document_language(db, match_id=ids[0])
        dialog = PdfPreview(_("Blank paper forms"), "forms.pdf", render, language, self)
        dialog.exec()
        return dialog

    def _report_pdf(self, language: str) -> bytes:

        figures = programme_report(self.db, self.programme_id)
        buffer = io.BytesIO()
        from westem_desktop.documents.report import write_report_pdf  # reportlab: imported when shown

        write_report_pdf(figures, language, buffer)
        return buffer.getvalue()

    def _page_changed(self, index: int) -> None:
        if index == 1:
            self.show_report()

    def show_report(self) -> None:
        """The report with its charts, in the interface language, inside the tab."""

        if self.programme_id is None:
            return
        if self.report_view is None:
            self.report_document = QPdfDocument(self)
            self.report_view = QPdfView(self.report_page)
            self.report_view.setObjectName("reportView")
            self.report_view.setDocument(self.report_document)
            self.report_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.report_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            show_focus(self.report_view)  # with the focus the arrows and Page Down scroll the report
            self.report_layout.addWidget(self.report_view, 1)
        from westem_desktop.ui.busy import busy

        with busy():
            self.report_bytes = self._report_pdf(current_language())
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self.report_bytes))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.report_document.close()
        self.report_document.load(buffer)
        self._report_buffer = buffer

    def export_report(self, kind: str, path: Path | None = None) -> Path | None:

        if path is None:
            filters = _("PDF document (*.pdf)") if kind == "pdf" else _("Excel workbook (*.xlsx)")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save the programme report"), str(Path.home() / f"report.{kind}"), filters
            )
            if not chosen:
                return None
            path = Path(chosen)
        from westem_desktop.ui.busy import busy

        with busy():
            if kind == "pdf":
                write_private(path, self._report_pdf(current_language()))
            else:
                figures = programme_report(self.db, self.programme_id)
                from westem_desktop.documents.report import write_report_xlsx

                write_report_xlsx(figures, current_language(), path)
        return path
