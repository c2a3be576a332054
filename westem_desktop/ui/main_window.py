"""The main window: menus, the programme selector, the five tabs and the status bar.

Edit ▸ Undo and Redo work the runner's undo stack from any focus in the window and name the step they
take back; in a text field that has typing to undo, Ctrl+Z undoes the typing first (``TextUndoFirst``).

The window owns the open ``Database`` (through its ``ActionRunner``, which every tab and dialog is given)
and the current programme; the tabs get plain values from the core services and never hold a session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QPoint, QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from westem_desktop import APP_NAME, i18n, paths
from westem_desktop.core.db import Database, open_database, sqlite_backup
from westem_desktop.core.enums import LANGUAGES
from westem_desktop.core.errors import DatabaseError, WestemError
from westem_desktop.core.labels import LANGUAGE_NAMES
from westem_desktop.core.read import Overview, list_programmes, programme_overview
from westem_desktop.core.settings import Settings
from westem_desktop.i18n import N_, _, ngettext
from westem_desktop.ui import language
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.formatting import integer, short_datetime
from westem_desktop.ui.server_changes import ServerChanges
from westem_desktop.ui.tabs.base import TabPage
from westem_desktop.ui.tabs.deferred import DeferredTab, TabSpec, forget_sources
from westem_desktop.ui.widgets.screen import FRAME

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent

    from westem_desktop.core.lock import DatabaseLock

DATABASE_FILTER_EXTENSIONS = "*.sqlite *.db"
# The first size on a screen larger than a laptop; on a laptop the window takes its whole available area.
FIRST_SIZE = QSize(1440, 900)
TABS = (
    TabSpec("westem_desktop.ui.tabs.participants", "ParticipantsTab", N_("Participants")),
    TabSpec("westem_desktop.ui.tabs.matches", "MatchesTab", N_("Matches")),
    TabSpec("westem_desktop.ui.tabs.cycle", "CycleTab", N_("Cycle")),
    TabSpec("westem_desktop.ui.tabs.agreements", "AgreementsTab", N_("Agreements")),
    TabSpec("westem_desktop.ui.tabs.evaluations", "EvaluationsTab", N_("Evaluations")),
)


def own_undo(field: QWidget, redo: bool) -> bool:
    """Whether the text field ``field`` has typing of its own to undo (or redo)."""
    if isinstance(field, (QTextEdit, QPlainTextEdit)):
        document = field.document()
        return not field.isReadOnly() and (document.isRedoAvailable() if redo else document.isUndoAvailable())
    edit = field if isinstance(field, QLineEdit) else field.findChild(QLineEdit)
    if edit is None or edit.isReadOnly():
        return False
    return edit.isRedoAvailable() if redo else edit.isUndoAvailable()


class TextUndoFirst(QObject):
    """Watches the window's text fields: Ctrl+Z in one with typing to undo undoes the typing (Qt's
    default: the field takes the key); in one with nothing to undo, the key goes on to Edit ▸ Undo.
    Installed on a field when it first gets the focus (no Python event handler while the window opens)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            for key, redo in ((QKeySequence.StandardKey.Undo, False), (QKeySequence.StandardKey.Redo, True)):
                if event.matches(key) and not own_undo(watched, redo):  # type: ignore[arg-type]
                    event.ignore()
                    return True  # the field does not claim the key: the window's shortcut takes it
        return False


TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class MainWindow(QMainWindow):
    languageRequested = Signal(str)

    def __init__(self, database: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.actions = ActionRunner(database, self)
        self.actions.changed.connect(self.data_changed)  # before any tab: the tabs read the new figures
        self.settings = settings
        self.maintenance = None
        self.file_actions = ()  # the actions of a file only (backups), disabled on a server
        self.programme_id: int | None = None
        self.overview = Overview()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        # Each tab is built when it first comes to the front (start path: see the README).
        self.places = [DeferredTab(spec, self.actions, self.tabs) for spec in TABS]
        for place in self.places:
            place.pageBuilt.connect(self._connect_page)
            self.tabs.addTab(place, "")
        self.setCentralWidget(self.tabs)

        self._build_actions()
        self._build_menus()
        self._text_undo = TextUndoFirst(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._build_toolbar()
        self.read_only_bar: QLabel | None = None
        self._show_read_only()
        self.actions.on_damaged = self.maintenance_done
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)
        self.server_changes = ServerChanges(self)  # others' writes on a server reload the tabs
        self._restore_geometry()
        language.register(self)
        self._update_file_actions()
        self.load_programmes(self.settings.last_programme(self.place))
        self.tabs.currentChanged.connect(self._to_front)
        self._to_front(self.tabs.currentIndex())

    # -- construction -------------------------------------------------------------------------

    @property
    def pages(self) -> list[TabPage]:
        """Every tab's page, building the ones not yet built."""
        return [place.page() for place in self.places]

    def _to_front(self, index: int) -> None:
        """The tab at ``index`` came to the front: built now if it is new, it catches up on what it put off."""
        if index >= 0:
            place = self.places[index]
            new = not place.built
            place.page().came_to_front()
            if new:
                forget_sources()  # and the sources of what its first read imported

    def _connect_page(self, page: TabPage) -> None:
        page.requestNewProgramme.connect(self.new_programme)
        page.requestTab.connect(self.tabs.setCurrentIndex)
        page.titleChanged.connect(self._retitle_tabs)
        page.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self._retitle_tabs()

    def _retitle_tabs(self) -> None:
        for index, place in enumerate(self.places):
            self.tabs.setTabText(index, place.title())

    def _action(
        self, name: str, slot: object, standard: QKeySequence.StandardKey | None = None, fallback: str = ""
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        # The platform's own keys for a standard action, else ``fallback``; setShortcuts() with a list
        # (start path: see the README).
        keys = QKeySequence.keyBindings(standard) if standard is not None else []
        if not keys and fallback:
            keys = [QKeySequence(fallback)]
        if keys:
            action.setShortcuts(keys)
        return action

    def _build_actions(self) -> None:
        self.act_new_db = self._action("actionNewDatabase", self.new_database)
        self.act_open_db = self._action(
            "actionOpenDatabase", self.open_database, QKeySequence.StandardKey.Open, "Ctrl+O"
        )
        self.act_connect = self._action("actionConnectToServer", self.connect_to_server)
        self.act_backup = self._action("actionBackUp", self.back_up)
        self.act_restore = self._action("actionRestore", self.restore_backup)
        self.act_backup_folder = self._action("actionBackupFolder", self.choose_backup_folder)
        self.act_quit = self._action("actionQuit", self.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
        self.act_new_programme = self._action(
            "actionNewProgramme", self.new_programme, QKeySequence.StandardKey.New, "Ctrl+N"
        )
        self.act_edit_programme = self._action("actionEditProgramme", self.edit_programme, None, "Ctrl+E")
        self.act_anonymise = self._action("actionAnonymise", self.anonymise_programme)
        self.act_introductions = self._action("actionWriteIntroductions", lambda: self.write_letters("introductions"))
        self.act_reminders = self._action("actionWriteReminders", lambda: self.write_letters("reminders"))
        self.act_thanks = self._action("actionWriteThanks", lambda: self.write_letters("thanks"))
        self.act_about = self._action("actionAbout", self.show_about)
        self.act_shortcuts = self._action("actionKeyboardShortcuts", self.show_shortcuts)
        self.act_import = self._action("actionImportParticipants", self.import_participants)
        self.act_undo = self._action("actionUndo", self.undo, QKeySequence.StandardKey.Undo, "Ctrl+Z")
        self.act_redo = self._action("actionRedo", self.redo, QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z")
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        stack = self.actions.undo_stack
        stack.indexChanged.connect(self._update_undo)
        stack.canUndoChanged.connect(self._update_undo)
        stack.canRedoChanged.connect(self._update_undo)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self)
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.languageRequested.emit(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        # Disabled while the database is read-only (a restore would replace the read-only file).
        self.actions.edits(
            self.act_new_programme,
            self.act_edit_programme,
            self.act_anonymise,
            self.act_restore,
            self.act_import,
            self.act_undo,
            self.act_redo,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = QMenu(self)
        self.menu_file.setObjectName("menuFile")
        self.menu_file.addAction(self.act_new_db)
        self.menu_file.addAction(self.act_open_db)
        self.menu_file.addAction(self.act_connect)
        self.menu_file.setToolTipsVisible(True)  # why a file's action is disabled on a server
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_import)
        self.menu_file.addSeparator()
        for action in (self.act_backup, self.act_restore, self.act_backup_folder):
            self.menu_file.addAction(action)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = QMenu(self)
        self.menu_edit.setObjectName("menuEdit")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_programme = QMenu(self)
        self.menu_programme.setObjectName("menuProgramme")
        self.menu_programme.addAction(self.act_new_programme)
        self.menu_programme.addAction(self.act_edit_programme)
        self.menu_switch = QMenu(self)
        self.menu_switch.setObjectName("menuSwitchProgramme")
        self.menu_programme.addMenu(self.menu_switch)
        self.menu_programme.addSeparator()
        for action in (self.act_introductions, self.act_reminders, self.act_thanks):
            self.menu_programme.addAction(action)
        self.menu_programme.addSeparator()
        self.menu_programme.addAction(self.act_anonymise)
        self.menu_language = QMenu(self)
        self.menu_language.setObjectName("menuLanguage")
        self.menu_language.addActions(list(self.language_actions.values()))
        self.menu_help = QMenu(self)
        self.menu_help.setObjectName("menuHelp")
        self.menu_help.addAction(self.act_shortcuts)
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)
        for menu in (self.menu_file, self.menu_edit, self.menu_programme, self.menu_language, self.menu_help):
            bar.addMenu(menu)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("programmeToolbar")
        self.toolbar.setMovable(False)
        self.programme_label = QLabel(self)
        self.programme_label.setContentsMargins(8, 0, 6, 0)
        self.programme_combo = QComboBox(self)
        self.programme_combo.setObjectName("programmeSelector")
        self.programme_combo.setMinimumContentsLength(28)
        self.programme_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.programme_combo.activated.connect(self._programme_chosen)
        self.programme_label.setBuddy(self.programme_combo)
        self.toolbar.addWidget(self.programme_label)
        self.toolbar.addWidget(self.programme_combo)
        self.addToolBar(self.toolbar)  # at the top

    def _show_read_only(self) -> None:
        """Show the notice saying the open file is read-only, or hide it; built when first needed (the tabs
        alone are the central widget on the start path)."""
        if self.db.read_only and self.read_only_bar is None:
            tabs = self.takeCentralWidget()  # setCentralWidget() would delete the tabs
            central = QWidget(self)
            layout = QVBoxLayout(central)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            # In a layout (not a toolbar) a wrapped label gets the height its width needs.
            from westem_desktop.ui.palette import Tone, ToneLabel

            self.read_only_bar = self.read_only_label = ToneLabel(Tone.NOTICE, central)
            self.read_only_label.setObjectName("readOnlyNotice")
            self.read_only_label.setWordWrap(True)
            self.read_only_label.setMargin(6)
            layout.addWidget(self.read_only_label)
            layout.addWidget(tabs, 1)
            self.setCentralWidget(central)
            self._translate_read_only()
        if self.read_only_bar is not None:
            self.read_only_bar.setVisible(self.db.read_only)

    def _translate_read_only(self) -> None:
        if self.read_only_bar is None or self.on_server:
            return
        self.read_only_label.setText(
            _(
                "“{file}” is opened read-only: you can read, export and print from it, but not change it. "
                "To make changes, copy the file to a folder of your own or ask for write permission."
            ).format(file=self.db.path.name)
        )
        self.read_only_label.setAccessibleName(_("Read-only database"))
        self.read_only_label.setToolTip(str(self.db.path))

    # -- texts ---------------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        """The open database."""
        return self.actions.db

    def translate_ui(self) -> None:
        self.setWindowTitle(self._window_title())
        self.menu_file.setTitle(_("&File"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_programme.setTitle(_("&Programme"))
        self.menu_switch.setTitle(_("&Switch to"))
        self.menu_language.setTitle(_("&Language"))
        self.menu_help.setTitle(_("&Help"))
        self.act_new_db.setText(_("&New database…"))
        self.act_open_db.setText(_("&Open database…"))
        self.act_connect.setText(_("&Connect to a server…"))
        self.act_backup.setText(_("&Back up…"))
        self.act_quit.setText(_("&Quit"))
        self.act_restore.setText(_("&Restore a backup…"))
        self.act_backup_folder.setText(_("Backup &folder…"))
        self.act_new_programme.setText(_("&New programme…"))
        self.act_edit_programme.setText(_("&Edit programme…"))
        self.act_about.setText(_("&About WESTEM Desktop"))
        self.act_shortcuts.setText(_("&Keyboard shortcuts"))
        self.act_import.setText(_("&Import participants…"))
        self.act_undo.setStatusTip(_("Undo the last change"))
        self.act_redo.setStatusTip(_("Redo the change just undone"))
        self._update_undo()
        self.act_anonymise.setText(_("&Anonymise the finished programme…"))
        self.act_introductions.setText(_("Write &introductions…"))
        self.act_reminders.setText(_("Write &reminders…"))
        self.act_thanks.setText(_("Write &thanks…"))
        self.programme_label.setText(_("Pr&ogramme:"))
        self.programme_combo.setPlaceholderText(_("No programme yet"))
        self._retitle_tabs()
        self.language_actions[i18n.current_language()].setChecked(True)
        self._translate_read_only()
        self._update_status()

    def _window_title(self) -> str:
        name = self.programme_combo.currentText() if self.programme_id is not None else ""
        return f"{name} — {APP_NAME}" if name else APP_NAME

    @property
    def on_server(self) -> bool:
        """Whether the open database is on a server (else a file)."""
        return bool(getattr(self.db, "is_server", False))

    @property
    def place(self) -> Path | str:
        """Where the open database is: its URL (without password) on a server, else its file."""
        return self.db.url if self.on_server else self.db.path

    def where(self) -> str:
        """The status bar's word for the open database: the file's name, or the server, database and user."""
        if not self.on_server:
            return _("Database: {file}").format(file=self.db.path.name)
        from westem_desktop.core.server_address import parse_url

        address = parse_url(self.db.url)
        return _("Server: {server} as {user}").format(server=address.describe(), user=address.login())

    def _update_status(self) -> None:
        o = self.overview
        if self.programme_id is None:
            text = self.where()
        else:
            text = " · ".join(
                (
                    self.where(),
                    ngettext("{n} mentor", "{n} mentors", o.mentors).format(n=integer(o.mentors)),
                    ngettext("{n} mentee", "{n} mentees", o.mentees).format(n=integer(o.mentees)),
                    ngettext("{n} active pair", "{n} active pairs", o.active_pairs).format(n=integer(o.active_pairs)),
                )
            )
        self.status_label.setText(text)
        self.status_label.setToolTip(str(self.place))

    # -- programmes ----------------------------------------------------------------------------

    def load_programmes(self, select_id: int | None = None) -> None:
        """Refill the selector and the Switch menu, then show ``select_id`` (or the first programme)."""
        summaries = list_programmes(self.db.read())
        self.programme_combo.clear()
        self.menu_switch.clear()
        for summary in summaries:
            self.programme_combo.addItem(summary.name, summary.id)
            action = self.menu_switch.addAction(summary.name)
            action.triggered.connect(lambda _checked=False, pid=summary.id: self.show_programme(pid))
        self.menu_switch.setEnabled(bool(summaries))
        ids = [s.id for s in summaries]
        self.show_programme(select_id if select_id in ids else (ids[0] if ids else None))

    def _programme_chosen(self, index: int) -> None:
        self.show_programme(self.programme_combo.itemData(index))

    def show_programme(self, programme_id: int | None) -> None:
        self.programme_id = programme_id
        self.programme_combo.setCurrentIndex(self.programme_combo.findData(programme_id) if programme_id else -1)
        self.act_edit_programme.setEnabled(programme_id is not None)
        self.act_anonymise.setEnabled(programme_id is not None)
        for action in (self.act_introductions, self.act_reminders, self.act_thanks):
            action.setEnabled(programme_id is not None)
        self.act_import.setEnabled(programme_id is not None)
        self.refresh()
        self.settings.set_last_programme(self.place, programme_id)

    def refresh(self) -> None:
        """Re-read the current programme's figures and pass them to every tab."""
        if self.programme_id is None:
            self.overview = Overview()
        else:
            self.overview = programme_overview(self.db.read(), self.programme_id)
        for place in self.places:
            place.show_programme(self.programme_id, self.overview)
        self.setWindowTitle(self._window_title())
        self._update_status()

    def data_changed(self, changes: Change) -> None:
        """A write was saved: new figures for the status bar and the tabs (which read again themselves)."""
        if changes & Change.PROGRAMMES:
            self.load_programmes(self.programme_id)
            return
        if self.programme_id is not None:
            self.overview = programme_overview(self.db.read(), self.programme_id)
        for place in self.places:
            place.set_overview(self.overview)
        self._update_status()

    def anonymise_programme(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.core.privacy import anonymise_programme, still_active
        from westem_desktop.core.views.programmes import anonymise_summary
        from westem_desktop.ui.erasure import clean_backups

        if self.programme_id is None:
            return
        summary = anonymise_summary(self.db, self.programme_id)
        if summary.active_pairs:
            QMessageBox.information(
                self,
                _("Anonymise the programme"),
                still_active(summary.active_pairs),
            )
            return
        s = summary
        text = _(
            "This removes for good the personal data of {participants}: names, e-mail addresses, "
            "institutions, countries, languages, interests and onboarding dates; the notes and topics of "
            "{meetings}; the texts of {agreements}; {answers}. "
            "The anonymous counts of the report stay: pairs, meetings and their length, ratings, goals met. "
            "This cannot be undone. Anonymise “{name}”?"
        ).format(
            participants=ngettext("{n} participant", "{n} participants", s.participants).format(n=s.participants),
            meetings=ngettext("{n} meeting", "{n} meetings", s.meetings_with_notes).format(n=s.meetings_with_notes),
            agreements=ngettext("{n} agreement", "{n} agreements", s.agreements).format(n=s.agreements),
            answers=ngettext(
                "{n} written evaluation answer", "{n} written evaluation answers", s.written_answers
            ).format(n=s.written_answers),
            name=self.programme_combo.currentText(),
        )
        if QMessageBox.question(self, _("Anonymise the programme"), text) != QMessageBox.StandardButton.Yes:
            return
        programme_id = self.programme_id
        outcome = self.actions.run(
            lambda session: anonymise_programme(session, programme_id),
            Change.EVERYTHING,
            self,
            title=_("Anonymise the programme"),
        )
        if not outcome:
            return
        self.statusBar().showMessage(_("The programme was anonymised."), 5000)
        clean_backups(
            self,
            None if self.on_server else self.db.path,
            outcome.value,
            _("Anonymise the programme"),
            _("The programme was anonymised."),
        )

    def _programme_dialog(self, programme_id: int | None) -> int | None:
        from westem_desktop.core import programmes
        from westem_desktop.core.views.programmes import programme_settings
        from westem_desktop.ui.dialogs.programme_dialog import ProgrammeDialog

        saved: list[int] = []
        current = programme_settings(self.db, programme_id) if programme_id is not None else None

        def write(session, values: programmes.ProgrammeSettings) -> int:
            if programme_id is None:
                return programmes.create_programme(session, values).id
            return programmes.update_programme(session, programme_id, values).id

        def save(values: programmes.ProgrammeSettings) -> bool:
            outcome = self.actions.run(
                lambda session: write(session, values), Change.PROGRAMMES, dialog, line=dialog.error
            )
            if outcome:
                saved.append(outcome.value)
            return outcome.done

        def templates() -> None:
            from westem_desktop.ui.dialogs.templates_dialog import TemplatesDialog

            TemplatesDialog(self.actions, programme_id, dialog).exec()

        dialog = ProgrammeDialog(current, save, self, templates if programme_id is not None else None)
        dialog.exec()
        return saved[-1] if saved else None

    def write_letters(self, which: str) -> None:
        """E-mail drafts of the programme: introductions of new pairs, reminders, thanks to closed pairs."""
        if self.programme_id is None:
            return
        from westem_desktop.ui.dialogs.letters_dialog import write_letters

        write_letters(self.db, self.programme_id, which, self)

    def new_programme(self) -> None:
        new_id = self._programme_dialog(None)
        if new_id is not None:
            self.show_programme(new_id)
            self.statusBar().showMessage(_("Programme created."), 5000)

    def edit_programme(self) -> None:
        if self.programme_id is None:
            return
        if self._programme_dialog(self.programme_id) is not None:
            self.statusBar().showMessage(_("Programme saved."), 5000)

    # -- database files ------------------------------------------------------------------------

    def _database_filter(self) -> str:
        return _("WESTEM Desktop databases ({patterns})").format(patterns=DATABASE_FILTER_EXTENSIONS)

    def _update_undo(self, *_args: object) -> None:
        """Name the steps that Undo and Redo would take (plain "Undo" and "Redo", disabled, with none)."""
        stack = self.actions.undo_stack
        undo = stack.command(stack.index() - 1) if stack.canUndo() else None
        redo = stack.command(stack.index()) if stack.canRedo() else None
        self.act_undo.setText(undo.undo_label() if hasattr(undo, "undo_label") else _("&Undo"))
        self.act_redo.setText(redo.redo_label() if hasattr(redo, "redo_label") else _("&Redo"))
        self.act_undo.setEnabled(undo is not None)
        self.act_redo.setEnabled(redo is not None)

    def undo(self) -> None:
        """Take back the last step, wherever the focus is (the tab it belongs to reads again)."""
        if self.actions.undo_stack.canUndo():
            self.actions.undo_stack.undo()

    def redo(self) -> None:
        if self.actions.undo_stack.canRedo():
            self.actions.undo_stack.redo()

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        """A text field of this window that gets the focus for the first time is watched by ``TextUndoFirst``."""
        if not isinstance(now, TEXT_FIELDS) or now.window() is not self or now.property("undoFirst"):
            return
        if isinstance(now, QComboBox) and not now.isEditable():
            return  # a list to choose from (the programme selector) has no typing to undo
        now.setProperty("undoFirst", True)
        now.installEventFilter(self._text_undo)

    def import_participants(self) -> None:
        """File ▸ Import participants: the Participants tab comes to the front and opens its import."""
        if self.programme_id is None:
            return
        self.tabs.setCurrentIndex(0)
        self.places[0].page().import_participants()

    def show_shortcuts(self) -> None:
        from westem_desktop.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from westem_desktop.ui.dialogs.about import show_about

        show_about(self)

    def new_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self, _("New database"), str(self._file_folder() / "westem.sqlite"), self._database_filter()
        )
        if path:
            self.switch_database(Path(path))

    def open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open database"), str(self._file_folder()), self._database_filter()
        )
        if path:
            self.switch_database(Path(path))

    def _file_folder(self) -> Path:
        """Where the file dialogs start: the open file's folder, or on a server the last file's."""
        if not self.on_server:
            return self.db.path.parent

        last = self.settings.text("database")
        return Path(last).parent if last else paths.default_database().parent

    def switch_database(self, path: Path) -> bool:
        """Open ``path`` instead of the current database; on failure the current one stays open."""
        if not self.on_server and path.absolute() == self.db.path:
            return True
        from PySide6.QtWidgets import QMessageBox

        try:
            database = open_database(path)
        except DatabaseError as exc:
            QMessageBox.warning(self, _("The database could not be opened"), str(exc))
            return False
        self.settings.set("database", str(database.path))
        self.switch_to(database)
        self.statusBar().showMessage(_("Opened {file}.").format(file=database.path.name), 5000)
        return True

    def connect_to_server(self) -> bool:
        """File ▸ Connect to a server…: the dialog opens the database on the server (a refusal is said in it,
        and this window keeps the database it has); then the window works on it."""
        from westem_desktop.ui.dialogs.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.settings, lambda url, password: open_database(url, password=password), self)
        if not dialog.exec() or dialog.database is None:
            return False
        self.switch_to(dialog.database)
        server = dialog.address()
        self.statusBar().showMessage(
            _("Connected to {server} as {user}.").format(server=server.describe(), user=server.login()), 5000
        )
        return True

    def switch_to(self, database: Database) -> None:
        """Work on the open ``database`` from now on (a file or a server); the one before is closed. A
        server is not remembered as the database to start with: the window starts on the last file, and
        the Connect dialog remembers the last server."""
        self.db.close()
        self.actions.bind(database)
        self.server_changes.bind(database)
        self._show_read_only()
        self._translate_read_only()
        self._update_file_actions()
        self.load_programmes(self.settings.last_programme(self.place))

    def _update_file_actions(self) -> None:
        """Backups, restore and the backup folder are a file's: on a server they are disabled, and say why
        (the server's own backups apply)."""
        server = self.on_server
        why = _("The database is on a server: its backups are the server’s, made by its IT office.") if server else ""
        for action in (self.act_backup, self.act_restore, self.act_backup_folder):
            action.setToolTip(why)
            action.setStatusTip(why)
        self.act_backup.setEnabled(not server)
        self.act_backup_folder.setEnabled(not server)
        self.act_restore.setEnabled(not server and not self.db.read_only)

    def backup_folder(self) -> Path | None:
        folder = self.settings.text("backup_folder")
        return Path(folder) if folder else None

    def start_maintenance(self):
        """Check and back up the open database in the background (see ui/maintenance.py); nothing for a
        read-only file, which we cannot change (and often cannot put backups beside), nor for a server."""
        if self.on_server or self.db.read_only:
            return None
        from westem_desktop.ui.maintenance import Maintenance

        self.maintenance = Maintenance(self.db.path, self.backup_folder(), self)
        self.maintenance.finished.connect(self.maintenance_done)
        return self.maintenance.start()

    def maintenance_done(self, reason: object) -> None:
        if reason is None or self.on_server:
            return
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.core.backup import newest_good_backup

        good = newest_good_backup(self.db.path, self.backup_folder())
        text = _("The database {file} is damaged: {reason}").format(file=self.db.path.name, reason=reason)
        if good is None:
            QMessageBox.critical(self, _("The database is damaged"), text + "\n\n" + _("There is no good backup."))
            return
        question = (
            text
            + "\n\n"
            + _("Restore the newest good backup, of {date}? The damaged file is kept aside, never overwritten.").format(
                date=short_datetime(good.taken)
            )
        )
        if QMessageBox.question(self, _("The database is damaged"), question) == QMessageBox.StandardButton.Yes:
            self.restore_from(good.path)

    def restore_from(self, backup: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.core.backup import restore

        if self.on_server:
            return False
        path, lock = self.db.path, self.db.lock
        self.db.lock = None  # the window keeps the application's lock through the restore: no one slips in
        self.db.close()
        try:
            restore(backup, path, self.backup_folder(), lock=lock)
        except (ValueError, OSError, WestemError) as exc:
            from westem_desktop.ui.errors import reason

            self._reopen(path, lock)
            QMessageBox.warning(self, _("Restore a backup"), reason(exc, path))
            return False
        self._reopen(path, lock)
        self.load_programmes(self.programme_id)
        self.statusBar().showMessage(_("The backup was restored."), 5000)
        return True

    def _reopen(self, path: Path, lock: DatabaseLock | None) -> None:
        database = open_database(path, lock=lock is None)
        if lock is not None:
            database.lock = lock
        self.actions.bind(database)

    def restore_backup(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.ui.dialogs.restore_dialog import RestoreDialog

        if self.on_server:
            return
        dialog = RestoreDialog(self.db.path, self.backup_folder(), self)
        if dialog.exec() and dialog.chosen is not None:
            question = _("Restore the backup of {date}? The current database is saved as a backup first.").format(
                date=short_datetime(dialog.chosen.taken)
            )
            if QMessageBox.question(self, _("Restore a backup"), question) == QMessageBox.StandardButton.Yes:
                self.restore_from(dialog.chosen.path)

    def choose_backup_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.on_server:
            return
        folder = QFileDialog.getExistingDirectory(
            self, _("Backup folder"), str(self.backup_folder() or self.db.path.parent / "backups")
        )
        if folder:
            self.settings.set("backup_folder", folder)
            self.statusBar().showMessage(_("Backups go to {folder}.").format(folder=folder), 5000)

    def back_up(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if self.on_server:
            return
        suggested = self.db.path.with_name(f"{self.db.path.stem}-backup.sqlite")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the database"), str(suggested), self._database_filter()
        )
        if not path:
            return
        target = Path(path)
        if target.absolute() == self.db.path:
            QMessageBox.warning(self, _("Back up"), _("Choose another file than the open database."))
            return
        try:
            sqlite_backup(self.db.path, target)
        except OSError as exc:
            from westem_desktop.ui.errors import reason

            QMessageBox.warning(self, _("Back up"), reason(exc, target))
            return
        self.statusBar().showMessage(_("Backup saved as {file}.").format(file=target.name), 5000)

    # -- window state --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        encoded = self.settings.text("window_geometry")
        restored = False
        if encoded is not None and encoded.isascii():  # Qt refuses what is not a geometry it saved
            restored = self.restoreGeometry(QByteArray.fromBase64(encoded.encode("ascii")))
        if not restored:
            self.open_at_first_size()
        self.fit_screen()

    def open_at_first_size(self) -> None:
        """No size remembered: the whole available screen of a laptop (its frame included), at most
        ``FIRST_SIZE`` on a larger screen, centred. ``FIRST_SIZE`` is laid out for a 9-point font: a larger
        platform font gets a window as much larger (within the screen)."""
        available = self.screen().availableGeometry()
        font = self.font()
        scale = max(1.0, font.pointSizeF() / 9 if font.pointSizeF() > 0 else font.pixelSize() / 12)
        size = (FIRST_SIZE * scale).boundedTo(available.size() - FRAME)
        self.resize(size)
        room = available.size() - size - FRAME
        self.move(available.topLeft() + QPoint(room.width() // 2, room.height() // 2))

    def fit_screen(self) -> None:
        """Keep the whole window, its frame included, within the screen's available area (a laptop's
        1280×720 or a restored geometry from a larger screen)."""
        available = self.screen().availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        # Before the window is shown its frame is not known: leave room for a usual title bar and border.
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height()).expandedTo(FRAME)
        size = self.size().boundedTo(available.size() - extra)
        if size != self.size():
            self.resize(size)
        if not available.contains(self.frameGeometry()):
            self.move(available.topLeft())

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.settings.set("window_geometry", geometry)
        # The closing backup, when backups are on (a file's only).
        if self.maintenance is not None and not self.on_server and not self.db.read_only:
            from westem_desktop.core.backup import automatic_backup

            automatic_backup(self.db.path, self.backup_folder())
        super().closeEvent(event)
