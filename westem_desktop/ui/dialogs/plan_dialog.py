"""Apply a meeting plan (the Dutch first-year plan or the four-month WESTEM plan) to one pair or all."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.meetings import PLANS
from westem_desktop.i18n import _, format_date
from westem_desktop.ui.widgets.forms import date_edit


class PlanDialog(QDialog):
    def __init__(self, pair_name: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planDialog")
        self.setWindowTitle(_("Apply a meeting plan"))
        self.plan = QComboBox(self)
        self.plan.setObjectName("plan")
        for key, (title, _steps) in PLANS.items():
            self.plan.addItem(_(title), key)
        self.start = date_edit(self, "start")
        self.all_pairs = QCheckBox(_("For every active pair of the programme"), self)
        self.all_pairs.setObjectName("allPairs")
        self.all_pairs.setChecked(pair_name is None)
        self.all_pairs.setEnabled(pair_name is not None)
        self.steps = QLabel(self)
        self.steps.setWordWrap(True)
        self.plan.currentIndexChanged.connect(self._show_steps)
        self.start.dateChanged.connect(self._show_steps)
        form = QFormLayout()
        form.addRow(_("Plan"), self.plan)
        form.addRow(_("Starting on"), self.start)
        if pair_name is not None:
            form.addRow("", QLabel(_("Otherwise only for {pair}.").format(pair=pair_name), self))
        form.addRow("", self.all_pairs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.addButton(_("&Apply the plan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("applyThePlan")
        self.apply_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.steps)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._show_steps()

    def _show_steps(self) -> None:
        import datetime as dt

        start = self.start.date().toPython()
        _title, steps = PLANS[self.plan.currentData()]
        self.steps.setText(
            "\n".join(f"{format_date(start + dt.timedelta(weeks=s.week), 'medium')}: {_(s.topic)}" for s in steps)
        )

    def values(self) -> tuple[str, object, bool]:
        return self.plan.currentData(), self.start.date().toPython(), self.all_pairs.isChecked()
