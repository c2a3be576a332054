"""Ask for one date (for example, when the first contact of a pair was made, or when a new round starts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from westem_desktop.i18n import _
from westem_desktop.ui.widgets.forms import date_edit, error_label, message_row, offer_reload, reload_offer


class DatePrompt(QDialog):
    """``confirm`` names the button that takes the date (a verb: "&Save", "&Re-enrol"). With ``save``, that
    button calls it with the date; it says whether the date was saved (a refusal is shown in the dialog by
    the action runner, and the dialog stays open with the date as it was). After a save refused over
    someone else's newer change (``refused()``), Reload calls ``reload()`` (the row as saved now is what
    the next save applies to) and keeps the date."""

    def __init__(
        self,
        title: str,
        text: str,
        field: str,
        parent: QWidget | None = None,
        save: Callable[[dt.date], bool] | None = None,
        confirm: str | None = None,
        reload: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("datePrompt")
        self.setWindowTitle(title)
        self.save = save
        self._reload = reload
        message = QLabel(text, self)
        message.setWordWrap(True)
        self.date = date_edit(self, "date")
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(field, self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm_button = buttons.addButton(confirm or _("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("confirmDate")
        self.confirm_button.setDefault(True)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        self.reload_button = reload_offer(self, self.reload)
        layout.addLayout(message_row(self.error, self.reload_button))
        layout.addWidget(buttons)
        self.setMinimumWidth(360)  # the question on two lines at most, not a narrow column of words

    def refused(self, error: Exception | None) -> None:
        """A refused save: after someone else's newer change, Reload is offered (the message is shown)."""
        offer_reload(self.reload_button, error, self._reload is not None)

    def reload(self) -> None:
        """Take the row as saved now: the date stays, to save again."""
        if self._reload is not None:
            self._reload()
        self.reload_button.hide()
        self.error.hide()

    def value(self) -> dt.date:
        return self.date.date().toPython()

    def confirm(self) -> bool:
        """The confirm button: save the date (when there is something to save) and close; a refusal keeps
        the dialog open."""
        if self.save is not None and not self.save(self.value()):
            return False
        self.accept()
        return True
