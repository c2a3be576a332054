"""End a pair without blame: the date and the reason (the manual's termination clause)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from westem_desktop.i18n import _
from westem_desktop.ui.widgets.forms import date_edit, error_label, message_row, offer_reload, reload_offer


class EndPairDialog(QDialog):
    """With ``save(ended_on, reason)``, End calls it and closes only when it was saved (a refusal is shown
    in the dialog, which keeps the date and the reason). After a save refused over someone else's newer
    change (``refused()``), Reload calls ``reload()`` (the pair as saved now is what the next End applies
    to); what was typed stays."""

    def __init__(
        self,
        mentor: str,
        mentee: str,
        parent: QWidget | None = None,
        save: Callable[[dt.date, str], bool] | None = None,
        reload: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("endPairDialog")
        self.setWindowTitle(_("End the pair"))
        self._save, self._reload = save, reload
        text = QLabel(
            _(
                "Either of them may end the mentoring by her own decision, without question or blame, "
                "by informing the other. End the pair of {mentor} and {mentee}? The mentor’s place becomes free."
            ).format(mentor=mentor, mentee=mentee),
            self,
        )
        text.setWordWrap(True)
        self.ended_on = date_edit(self, "ended_on")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(_("Ended on"), self.ended_on)
        form.addRow(_("Reason (optional)"), self.reason)
        self.error = error_label(self)
        self.reload_button = reload_offer(self, self.reload)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.end_button = buttons.addButton(_("&End the pair"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.end_button.setObjectName("endPair")
        self.end_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addLayout(message_row(self.error, self.reload_button))
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> tuple[dt.date, str]:
        return self.ended_on.date().toPython(), self.reason.toPlainText()

    def accept(self) -> None:
        if self._save is None or self._save(*self.values()):
            super().accept()

    def refused(self, error: Exception | None) -> None:
        """A refused end: after someone else's newer change, Reload is offered (the message is shown)."""
        offer_reload(self.reload_button, error, self._reload is not None)

    def reload(self) -> None:
        """Take the pair as saved now: the date and the reason stay, to end it again."""
        if self._reload is not None:
            self._reload()
        self.reload_button.hide()
        self.error.hide()
