"""Pieces every form dialog shares: the error line under the form, dates in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

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
