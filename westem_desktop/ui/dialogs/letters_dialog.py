"""Letters as e-mail drafts: the drafts of one kind (introductions, reminders, thanks) with their
recipients, the people no draft could be written to and why, a preview of the chosen draft in its own
language, "Open in mail program" for one draft (a ``mailto:`` link: without its attachments, said plainly)
and "Write drafts…" to a folder the coordinator chooses (one ``.eml`` per message; nothing is sent).

The drafts are built in a worker thread (``DraftsWorker``): the dialog opens at once and stays usable
while a large programme's drafts, with their agreements or certificates, are made."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.letters.drafts import Draft, Drafts
from westem_desktop.core.vocabulary import language_name
from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.palette import Tone, ToneLabel
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.screen import resize_within_screen

if TYPE_CHECKING:
    from westem_desktop.core.db import Database


INTRODUCTIONS, REMINDERS, QUIET, EVALUATIONS, THANKS = "introductions", "reminders", "quiet", "evaluations", "thanks"
"""Which letters: introductions to new pairs; reminders (both kinds), to quiet pairs, of missing evaluations;
thanks to closed pairs."""


def _build(db: Database, programme_id: int, which: str, match_ids: Sequence[int] | None) -> Drafts:
    """The drafts of ``which`` for the programme (or only the pairs ``match_ids``), from the core."""
    from westem_desktop.core.letters import drafts

    if which == INTRODUCTIONS:
        return drafts.introductions(db, programme_id, match_ids)
    if which == THANKS:
        return drafts.thanks(db, programme_id, match_ids)
    if which == QUIET:
        return drafts.quiet_reminders(db, programme_id, match_ids)
    if which == EVALUATIONS:
        return drafts.evaluation_reminders(db, programme_id, match_ids)
    quiet = drafts.quiet_reminders(db, programme_id, match_ids)
    forms = drafts.evaluation_reminders(db, programme_id, match_ids)
    return Drafts(quiet.drafts + forms.drafts, quiet.refused + forms.refused)


def write_letters(
    db: Database, programme_id: int, which: str, parent: QWidget, match_ids: Sequence[int] | None = None
) -> LettersDialog:
    """Open the letters dialog for ``which`` (see ``INTRODUCTIONS``…) and return it once closed."""
    titles = {
        INTRODUCTIONS: _("Write introductions"),
        REMINDERS: _("Write reminders"),
        QUIET: _("Write reminders to quiet pairs"),
        EVALUATIONS: _("Write reminders of missing evaluations"),
        THANKS: _("Write thanks"),
    }
    ids = list(match_ids) if match_ids is not None else None
    dialog = LettersDialog(titles[which], lambda: _build(db, programme_id, which, ids), parent)
    dialog.exec()
    return dialog


class DraftsWorker(QObject):
    """Builds the drafts off the GUI thread; emits ``finished(Drafts)`` or ``failed(message)``, once."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, build: Callable[[], Drafts]) -> None:
        super().__init__()
        self.build = build

    @Slot()
    def run(self) -> None:
        try:
            result = self.build()
        except Exception as exc:  # said in the dialog; the thread must end cleanly
            self.failed.emit(str(exc))
        else:
            self.finished.emit(result)


def _recipients(draft: Draft) -> str:
    return ", ".join(person.name for person in draft.to)


def _addresses(people) -> str:
    return ", ".join(f"{person.name} <{person.email}>" for person in people)


class LettersDialog(QDialog):
    def __init__(self, title: str, build: Callable[[], Drafts], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lettersDialog")
        self.setWindowTitle(title)
        self.drafts: list[Draft] = []
        self.written: list[Path] = []
        self._thread: QThread | None = None
        self._worker: DraftsWorker | None = None

        self.summary = QLabel(_("Preparing the drafts…"), self)
        self.summary.setObjectName("lettersSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("lettersProgress")
        self.progress.setAccessibleName(_("Preparing the drafts…"))
        self.progress.setRange(0, 0)

        self.list = QTableWidget(self)
        self.list.setObjectName("draftsList")
        self.list.setColumnCount(2)
        self.list.setHorizontalHeaderLabels([_("To"), _("Language")])
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(self.list.fontMetrics().height() + 8)
        self.list.horizontalHeader().setStretchLastSection(False)
        self.list.horizontalHeader().setSectionResizeMode(0, self.list.horizontalHeader().ResizeMode.Stretch)
        self.list.currentCellChanged.connect(lambda row, *_rest: self.show_draft(row))
        self.list_label = QLabel(_("&Drafts"), self)
        self.list_label.setBuddy(self.list)

        self.refused = QTableWidget(self)
        self.refused.setObjectName("refusedList")
        self.refused.setColumnCount(2)
        self.refused.setHorizontalHeaderLabels([_("Not written"), _("Why")])
        self.refused.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.refused.setTabKeyNavigation(False)
        self.refused.setWordWrap(False)  # one line each; a long reason is whole in its tooltip
        self.refused.verticalHeader().hide()
        self.refused.verticalHeader().setDefaultSectionSize(self.refused.fontMetrics().height() + 8)
        self.refused.horizontalHeader().setStretchLastSection(True)
        self.refused_label = QLabel(_("No draft for these people"), self)
        self.refused_label.setBuddy(self.refused)

        self.subject = QLineEdit(self)
        self.subject.setObjectName("draftSubject")
        self.subject.setReadOnly(True)
        self.from_field = QLineEdit(self)
        self.from_field.setObjectName("draftFrom")
        self.from_field.setReadOnly(True)
        self.to = QLineEdit(self)
        self.to.setObjectName("draftTo")
        self.to.setReadOnly(True)
        self.language = QLabel(self)
        self.language.setObjectName("draftLanguage")
        self.attachments = QLabel(self)
        self.attachments.setObjectName("draftAttachments")
        self.attachments.setWordWrap(True)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("draftBody")
        self.body.setReadOnly(True)
        self.body.setTabChangesFocus(True)
        # A cursor the arrows move: the focus is seen, and the letter is read and selected by keyboard.
        self.body.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        preview = QWidget(self)
        form = QFormLayout(preview)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (_("Subject"), self.subject),
            (_("From"), self.from_field),
            (_("To"), self.to),
            (_("Language"), self.language),
            (_("Attachments"), self.attachments),
        ):
            label = QLabel(text, preview)
            label.setBuddy(field)
            field.setAccessibleName(text)
            form.addRow(label, field)
        self.body.setAccessibleName(_("Message"))
        form.addRow(self.body)
        self.mail_button = QPushButton(_("&Open in mail program"), self)
        self.mail_button.setObjectName("openInMailProgram")
        self.mail_button.clicked.connect(self.open_in_mail_program)
        self.mail_note = QLabel(
            _(
                "The mail program opens a new message with this text but without its attachments: "
                "attach them there, or write the drafts to a folder, which keeps them."
            ),
            self,
        )
        self.mail_note.setObjectName("mailNote")
        self.mail_note.setWordWrap(True)
        mail_row = QHBoxLayout()
        mail_row.addWidget(self.mail_button)
        mail_row.addStretch(1)
        form.addRow(mail_row)
        form.addRow(self.mail_note)

        self.no_sender = ToneLabel(Tone.ERROR, self)
        self.no_sender.setObjectName("noSender")
        self.no_sender.setWordWrap(True)
        self.no_sender.setText(
            _(
                "The programme has no coordinator’s e-mail address, so the drafts have no sender: "
                "enter it in the programme’s settings (Programme ▸ Edit programme…)."
            )
        )
        self.no_sender.hide()
        self.status = QLabel(self)
        self.status.setObjectName("lettersStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(_("&Write drafts…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("writeDrafts")
        self.write_button.clicked.connect(self.write)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        lists = QWidget(self)
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addWidget(self.list_label)
        lists_layout.addWidget(self.list, 3)
        lists_layout.addWidget(self.refused_label)
        lists_layout.addWidget(self.refused, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(lists)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.no_sender)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        tab_order(
            self.list,
            self.refused,
            self.subject,
            self.from_field,
            self.to,
            self.body,
            self.mail_button,
            self.write_button,
        )
        self._set_enabled(False)
        resize_within_screen(self, 1000, 660)
        self._start(build)

    # -- building ------------------------------------------------------------------------------

    def _start(self, build: Callable[[], Drafts]) -> None:
        worker = DraftsWorker(build)
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        self._thread, self._worker = thread, worker
        thread.start()

    def computing(self) -> bool:
        """Whether the drafts are still being prepared."""
        return self._worker is not None

    def _ended(self) -> bool:
        if self._worker is None or self.sender() is not self._worker:
            return False
        self._let_go()
        self.progress.hide()
        return True

    def _let_go(self) -> None:
        """Wait for the worker's thread to end, so that no thread is destroyed while running."""
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()

    def _failed(self, message: str) -> None:
        if self._ended():
            self.summary.setText(_("The drafts could not be prepared: {error}").format(error=message))

    def _finished(self, result: Drafts) -> None:
        if self._ended():
            self.show_drafts(result)

    def done(self, result: int) -> None:
        self._let_go()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._let_go()
        super().closeEvent(event)

    # -- showing -------------------------------------------------------------------------------

    def show_drafts(self, result: Drafts) -> None:
        """List the drafts and the people without one, and preview the first draft."""
        self.drafts = list(result.drafts)
        self.list.setRowCount(len(self.drafts))
        for row, draft in enumerate(self.drafts):
            to = QTableWidgetItem(_recipients(draft))
            to.setToolTip(_addresses(draft.to))
            self.list.setItem(row, 0, to)
            self.list.setItem(row, 1, QTableWidgetItem(language_name(draft.language)))
        self.list.resizeColumnToContents(1)
        self.refused.setRowCount(len(result.refused))
        for row, refused in enumerate(result.refused):
            self.refused.setItem(row, 0, QTableWidgetItem(refused.who))
            reason = QTableWidgetItem(refused.reason)
            reason.setToolTip(refused.reason)
            self.refused.setItem(row, 1, reason)
        self.refused.resizeColumnToContents(0)
        self.refused.setVisible(bool(result.refused))
        self.refused_label.setVisible(bool(result.refused))
        drafts = ngettext("{n} draft", "{n} drafts", len(self.drafts)).format(n=len(self.drafts))
        if result.refused:
            refused = ngettext("{n} person without a draft", "{n} people without a draft", len(result.refused)).format(
                n=len(result.refused)
            )
            self.summary.setText(_("{drafts}; {refused} (see why below).").format(drafts=drafts, refused=refused))
        elif self.drafts:
            self.summary.setText(_("{drafts}, each in its reader’s language.").format(drafts=drafts))
        else:
            self.summary.setText(_("There is nothing to write."))
        self.no_sender.setVisible(any(draft.sender is None for draft in self.drafts))
        self._set_enabled(bool(self.drafts))
        if self.drafts:
            self.list.setCurrentCell(0, 0)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.show_draft(-1)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.list, self.mail_button, self.write_button):
            widget.setEnabled(enabled)

    def current_draft(self) -> Draft | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def show_draft(self, row: int) -> None:
        """Preview the draft of ``row``: its subject, sender, recipients, language, attachments and text."""
        draft = self.drafts[row] if 0 <= row < len(self.drafts) else None
        if draft is None:
            for field in (self.subject, self.from_field, self.to):
                field.clear()
            self.language.clear()
            self.attachments.clear()
            self.body.clear()
            return
        self.subject.setText(draft.subject)
        self.subject.setCursorPosition(0)
        self.from_field.setText(_addresses([draft.sender]) if draft.sender else _("No sender"))
        self.from_field.setCursorPosition(0)
        self.to.setText(_addresses(draft.to))
        self.to.setCursorPosition(0)
        self.language.setText(language_name(draft.language))
        names = ", ".join(attachment.filename for attachment in draft.attachments)
        self.attachments.setText(names or _("None"))
        self.body.setPlainText(draft.body)

    # -- acting --------------------------------------------------------------------------------

    def open_in_mail_program(self) -> bool:
        """Open the chosen draft as a new message in the mail program (without its attachments)."""
        from westem_desktop.core.letters.eml import mailto_link

        draft = self.current_draft()
        if draft is None:
            return False
        opened = QDesktopServices.openUrl(QUrl.fromEncoded(mailto_link(draft).encode("ascii")))
        if not opened:
            self._say(_("No mail program opened the message. Write the drafts to a folder instead."))
        return opened

    def write(self) -> list[Path]:
        """Ask for a folder and write every draft there, one ``.eml`` each; say how many and where."""
        if not self.drafts:
            return []
        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder for the drafts"), str(Path.home()))
        if not folder:
            return []
        from westem_desktop.core.letters.eml import write_drafts
        from westem_desktop.documents.letters import rendered
        from westem_desktop.ui.busy import busy

        try:
            with busy():  # the agreements and certificates are made as PDFs here, then attached
                written = write_drafts(rendered(self.drafts), Path(folder))
        except OSError as exc:
            self._say(
                _("The drafts could not be written to {folder}: {error}").format(
                    folder=folder, error=exc.strerror or exc
                )
            )
            return []
        self.written = written
        self._say(
            ngettext(
                "{n} draft was written to {folder}. Open it in your mail program to send it.",
                "{n} drafts were written to {folder}. Open them in your mail program to send them.",
                len(written),
            ).format(n=len(written), folder=folder)
        )
        return written

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
