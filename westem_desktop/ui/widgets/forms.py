"""Pieces every form dialog shares: the error line under the form, dates in the interface language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from westem_desktop.i18n import pgettext
from westem_desktop.ui import language
from westem_desktop.ui.actions import show_refusal
from westem_desktop.ui.palette import Tone, ToneLabel


def error_label(parent: QWidget, name: str = "errorLabel") -> QLabel:
    """A hidden, word-wrapped line in the error colour (readable in the palette), shown by ``show_field_error``."""
    label = ToneLabel(Tone.ERROR, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def reload_text() -> str:
    """Reload, beside a Save: a letter other than Save's in every language (Norwegian: Lagre)."""
    return pgettext("beside Save", "Re&load")


def reload_offer(parent: QWidget, reload: Callable[[], None]) -> QPushButton:
    """The Reload button beside a form's message line, hidden until a save is refused over someone else's
    newer change (``offer_reload``)."""
    button = QPushButton(reload_text(), parent)
    button.setObjectName("reload")
    button.hide()
    button.clicked.connect(reload)
    return button


def offer_reload(button: QPushButton, error: Exception | None, can: bool = True, deleted: bool = False) -> None:
    """Show ``button`` (and focus it) when ``error`` is someone else's newer change (``deleted``: or their
    delete of the row), else hide it."""
    from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError

    kinds = (ConcurrentChangeError, RowDeletedError) if deleted else ConcurrentChangeError
    button.setVisible(can and isinstance(error, kinds))
    if button.isVisible():
        button.setFocus()


def message_row(message: QLabel, button: QPushButton) -> QHBoxLayout:
    """A form's message line with its button (Reload) at the right."""
    row = QHBoxLayout()
    row.addWidget(message, 1)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return row


class DateEdit(QDateEdit):
    """A date field with a calendar, in the interface language's short date and month names (ui/language.py
    sets the default locale), also after the language is switched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        language.register(self)

    def translate_ui(self) -> None:
        self.setLocale(QLocale())
        self.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))


def date_edit(parent: QWidget, name: str = "") -> QDateEdit:
    """A ``DateEdit`` set to today."""
    edit = DateEdit(parent)
    if name:
        edit.setObjectName(name)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00-00-0000") + 44)  # the date and the arrow
    edit.setDate(QDate.currentDate())
    return edit


def show_field_error(dialog: QWidget, label: QLabel, message: str, field: str | None) -> None:
    """Show ``message`` in ``label`` and at the field named ``field`` (as the action runner shows a refusal)."""
    show_refusal(dialog, message, field, label)
