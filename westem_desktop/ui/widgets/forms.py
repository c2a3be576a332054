"""Pieces every form dialog shares: the error line under the form, dates in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

ERROR_STYLE = "color: #b00020;"


def error_label(parent: QWidget, name: str = "errorLabel") -> QLabel:
    """A hidden, word-wrapped line in the error colour, shown by ``show_field_error``."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class DateEdit(QDateEdit):
    """A date field with a calendar, in the interface language's short date and month names (ui/language.py
    sets the default locale), also after the language is switched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self._follow_language()

    def _follow_language(self) -> None:
        self.setLocale(QLocale())
        self.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))

    def language_changed(self) -> None:
        """Called by ``ui/language.py`` after a language switch."""
        self._follow_language()


def date_edit(parent: QWidget, name: str = "") -> QDateEdit:
    """A ``DateEdit`` set to today."""
    edit = DateEdit(parent)
    if name:
        edit.setObjectName(name)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00-00-0000") + 44)  # the date and the arrow
    edit.setDate(QDate.currentDate())
    return edit


def show_field_error(dialog: QWidget, label: QLabel, message: str, field: str | None) -> QWidget | None:
    """Show ``message`` and put the cursor in the field named ``field``; returns that field."""
    label.setText(message)
    label.show()
    widget = dialog.findChild(QWidget, field) if field else None
    if widget is not None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return widget
