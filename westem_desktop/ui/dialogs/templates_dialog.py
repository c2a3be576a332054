"""The programme's letter templates: for each kind of letter and each language, its subject and body, the
placeholders the kind may use (inserted at the cursor), and the shipped text back with "Reset to default".

Edits of several letters are kept while switching between them and saved together; an unknown placeholder
is refused before anything is saved, at its field, with its name. Each save passes the version it showed."""

from __future__ import annotations

import string

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.errors import ValidationError
from westem_desktop.core.letters.templates import LANGUAGES, PLACEHOLDERS, Kind, Template, check, default_template
from westem_desktop.core.views.letters import letter_templates, letters_language
from westem_desktop.core.vocabulary import language_name
from westem_desktop.i18n import N_, _
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.forms import error_label
from westem_desktop.ui.widgets.screen import resize_within_screen

KIND_NAMES = {
    Kind.INTRODUCTION: N_("Introduction of a new pair"),
    Kind.INVITATION: N_("Invitation"),
    Kind.QUIET_REMINDER: N_("Reminder to a quiet pair"),
    Kind.EVALUATION_REMINDER: N_("Reminder of a missing evaluation"),
    Kind.THANKS: N_("Thanks at closing"),
}

Key = tuple[Kind, str]


def unknown_placeholder(kind: Kind, text: str) -> tuple[str, int] | None:
    """The first placeholder in ``text`` that ``kind`` does not know, with where it starts; None if none
    (or when the braces are malformed: ``check`` says so)."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return None
    position = 0
    for literal, name, spec, conversion in parts:
        position += len(literal)
        if name is None:
            continue
        whole = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name not in PLACEHOLDERS[kind]:
            return whole, text.find(whole, position - 1 if position else 0)
        position += len(whole)
    return None


class _Remember(QObject):
    """Remembers which of the subject and the body had the focus last: placeholders are inserted there."""

    def __init__(self, dialog: TemplatesDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.dialog.target = watched  # type: ignore[assignment]
        return False


class TemplatesDialog(QDialog):
    def __init__(self, actions: ActionRunner, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle(_("Letter templates"))
        self.actions, self.programme_id = actions, programme_id
        self.templates: dict[Key, Template] = letter_templates(actions.db, programme_id)
        self.texts: dict[Key, tuple[str, str]] = {}  # what the fields hold for each letter shown so far
        self.saved = False
        self._key: Key | None = None

        self.kind = QComboBox(self)
        self.kind.setObjectName("letterKind")
        for kind in Kind:
            self.kind.addItem(_(KIND_NAMES[kind]), kind.value)
        self.language = QComboBox(self)
        self.language.setObjectName("letterLanguage")
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(letters_language(actions.db, programme_id))))
        self.subject = QLineEdit(self)
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("body")
        self.body.setTabChangesFocus(True)
        self.target: QLineEdit | QPlainTextEdit = self.body
        remember = _Remember(self)
        self.subject.installEventFilter(remember)
        self.body.installEventFilter(remember)
        self.placeholders = QListWidget(self)
        self.placeholders.setObjectName("placeholders")
        self.placeholders.itemActivated.connect(lambda _item: self.insert_placeholder())
        self.insert_button = QPushButton(_("&Insert"), self)
        self.insert_button.setObjectName("insertPlaceholder")
        self.insert_button.clicked.connect(self.insert_placeholder)
        self.state = QLabel(self)
        self.state.setObjectName("templateState")
        self.state.setWordWrap(True)
        self.error = error_label(self)
        self.reset_button = QPushButton(_("&Reset to default"), self)
        self.reset_button.setObjectName("resetTemplate")
        self.reset_button.clicked.connect(self.reset)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        actions.edits(self.buttons.button(QDialogButtonBox.StandardButton.Save), self.reset_button)

        labels = {}
        for name, text, buddy in (
            ("kind", _("&Letter"), self.kind),
            ("language", _("La&nguage"), self.language),
            ("subject", _("S&ubject"), self.subject),
            ("body", _("&Text"), self.body),
            ("placeholders", _("&Placeholders"), self.placeholders),
        ):
            labels[name] = QLabel(text, self)
            labels[name].setBuddy(buddy)
        self.help = QLabel(
            _("A placeholder in braces is filled in for each reader, such as {example}.").format(
                example="{first_name}"
            ),
            self,
        )
        self.help.setObjectName("placeholderHelp")
        self.help.setWordWrap(True)
        choose = QHBoxLayout()
        choose.addWidget(labels["kind"])
        choose.addWidget(self.kind, 2)
        choose.addWidget(labels["language"])
        choose.addWidget(self.language, 1)
        grid = QGridLayout()
        grid.addWidget(labels["subject"], 0, 0)
        grid.addWidget(self.subject, 1, 0)
        grid.addWidget(labels["body"], 2, 0)
        grid.addWidget(self.body, 3, 0)
        grid.addWidget(labels["placeholders"], 0, 1)
        side = QVBoxLayout()
        side.addWidget(self.placeholders, 1)
        side.addWidget(self.insert_button)
        grid.addLayout(side, 1, 1, 3, 1)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.help)
        layout.addLayout(grid, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        tab_order(self.kind, self.language, self.subject, self.body, self.placeholders, self.insert_button)

        self.kind.currentIndexChanged.connect(lambda _i: self.show_letter())
        self.language.currentIndexChanged.connect(lambda _i: self.show_letter())
        self.show_letter()
        resize_within_screen(self, 900, 620)

    # -- which letter --------------------------------------------------------------------------

    def key(self) -> Key:
        return Kind(self.kind.currentData()), self.language.currentData()

    def _keep(self) -> None:
        """Remember what the fields hold for the letter shown until now."""
        if self._key is not None:
            self.texts[self._key] = (self.subject.text(), self.body.toPlainText())

    def show_letter(self) -> None:
        """Show the chosen kind in the chosen language: its edit so far, else the programme's text."""
        self._keep()
        key = self.key()
        self._key = None  # the fields are being filled: nothing to remember yet
        saved = self.templates[key]
        subject, body = self.texts.get(key, (saved.subject, saved.body))
        self.subject.setText(subject)
        self.subject.setCursorPosition(0)
        self.body.setPlainText(body)
        self.placeholders.clear()
        self.placeholders.addItems(["{" + name + "}" for name in sorted(PLACEHOLDERS[key[0]])])
        self.placeholders.setCurrentRow(0)
        self.state.setText(
            _("The programme’s own text.") if saved.edited else _("The text shipped with WESTEM Desktop.")
        )
        self.error.hide()
        self._key = key

    # -- editing -------------------------------------------------------------------------------

    def insert_placeholder(self) -> None:
        """Insert the chosen placeholder at the cursor of the subject or the body (the one used last)."""
        item = self.placeholders.currentItem()
        if item is None:
            return
        if isinstance(self.target, QLineEdit):
            self.target.insert(item.text())
        else:
            self.target.insertPlainText(item.text())
        self.target.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """Put the shipped text back in the fields (saved with Save, like any edit)."""
        kind, language = self.key()
        default = default_template(kind, language)
        self.subject.setText(default.subject)
        self.subject.setCursorPosition(0)
        self.body.setPlainText(default.body)
        self.error.hide()

    def changes(self) -> dict[Key, tuple[str, str] | None]:
        """The letters to write: new texts, or None for one to put back to the shipped text."""
        self._keep()
        changed: dict[Key, tuple[str, str] | None] = {}
        for key, (subject, body) in self.texts.items():
            saved, default = self.templates[key], default_template(*key)
            if (subject, body) == (saved.subject, saved.body):
                continue
            is_default = (subject, body) == (default.subject, default.body)
            changed[key] = None if is_default and saved.edited else (subject, body)
        return changed

    def refuse(self, key: Key, message: str, field: str | None) -> None:
        """Show the letter ``key``, its refusal under the fields, and put the cursor in the field concerned."""
        self.kind.setCurrentIndex(self.kind.findData(key[0].value))
        self.language.setCurrentIndex(self.language.findData(key[1]))
        self.error.setText(message)
        self.error.show()
        widget = self.subject if field == "subject" else self.body
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        unknown = unknown_placeholder(key[0], text)
        if unknown is not None:  # the unknown name selected, to be corrected at once
            name, start = unknown
            if isinstance(widget, QLineEdit):
                widget.setSelection(start, len(name))
            else:
                cursor = widget.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(name), cursor.MoveMode.KeepAnchor)
                widget.setTextCursor(cursor)

    def _checked(self, changes: dict[Key, tuple[str, str] | None]) -> bool:
        """Refuse (at its field) the first changed letter ``check`` refuses; true when all pass."""
        for key, texts in changes.items():
            if texts is None:
                continue
            subject, body = texts
            try:
                check(key[0], subject, body)
            except ValidationError as exc:
                # Which field: the subject when it is refused alone, else the body.
                try:
                    check(key[0], subject, "x")
                except ValidationError:
                    field = "subject"
                else:
                    field = "body"
                self.refuse(key, str(exc), field)
                return False
        return True

    def save(self) -> bool:
        """Save every letter changed, together, each with the version it was shown at."""
        from westem_desktop.core.letters.templates import reset_template, save_template

        changes = self.changes()
        if not changes:
            return True
        if not self._checked(changes):
            return False
        pid = self.programme_id

        def write(session) -> None:
            for (kind, language), texts in changes.items():
                shown = self.templates[(kind, language)]
                version = shown.version if shown.edited else None
                if texts is None:
                    reset_template(session, pid, kind, language, version=version)
                else:
                    save_template(session, pid, kind, language, texts[0], texts[1], version=version)

        outcome = self.actions.run(write, Change.PROGRAMMES, self, line=self.error)
        self.saved = outcome.done
        return outcome.done

    def accept(self) -> None:
        if self.save():
            super().accept()
