"""Create or edit a programme: every setting DOMAIN.md lists, validated before anything is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.enums import LANGUAGES, Format, MatchingMode, Mode, Organisation, Style
from westem_desktop.core.labels import LANGUAGE_NAMES, label
from westem_desktop.core.programmes import ProgrammeSettings
from westem_desktop.i18n import _, current_language, format_date
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.forms import date_edit, error_label, show_field_error
from westem_desktop.ui.widgets.screen import resize_within_screen
from westem_desktop.ui.widgets.tall_page import TallPage


def _enum_combo(values: type[Enum], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for member in values:
        combo.addItem(label(member), member.value)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class ProgrammeDialog(QDialog):
    """``settings()`` returns the values entered; ``save(settings)`` writes them (a refusal is shown at its
    field by the action runner) and says whether they were saved; ``show_error()`` puts a message at a field.
    ``templates()``, given for a programme that exists, opens the editor of its letter templates."""

    def __init__(
        self,
        settings: ProgrammeSettings | None,
        save: Callable[[ProgrammeSettings], bool],
        parent: QWidget | None = None,
        templates: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setObjectName("programmeDialog")
        self.setMinimumWidth(560)
        self._editing = settings is not None
        self._logo = settings.logo if settings else None
        self.setWindowTitle(_("Edit programme") if self._editing else _("New programme"))

        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.institution = QLineEdit(self)
        self.start_date = date_edit(self, "start_date")
        self.end_date = date_edit(self, "end_date")
        self.start_date.setAccessibleName(_("First day of the programme"))
        self.end_date.setAccessibleName(_("Last day of the programme"))
        self.recruitment = QLabel(self)
        self.recruitment.setObjectName("recruitmentOpens")
        self.start_date.dateChanged.connect(self._update_recruitment)
        self.hours = QDoubleSpinBox(self)
        self.hours.setObjectName("expected_hours_per_month")
        self.hours.setRange(0, 40)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.attention_weeks = QSpinBox(self)
        self.attention_weeks.setObjectName("attention_weeks")
        self.attention_weeks.setRange(1, 26)
        self.default_style = _enum_combo(Style, self)
        self.format = _enum_combo(Format, self)
        self.mode = _enum_combo(Mode, self)
        self.matching_mode = _enum_combo(MatchingMode, self)
        self.organisation = _enum_combo(Organisation, self)
        self.formal = QCheckBox(_("Formal: part of the curriculum"), self)
        self.structured = QCheckBox(_("Structured: goals are recorded and evaluated"), self)
        self.coordinator_name = QLineEdit(self)
        self.coordinator_title = QLineEdit(self)
        self.coordinator_email = QLineEdit(self)
        self.coordinator_email.setObjectName("coordinator_email")
        self.templates_button = QPushButton(_("Letter templates…"), self)
        self.templates_button.setObjectName("letterTemplates")
        self.templates_button.setToolTip(
            _("The e-mails written to the participants: introductions, invitations, reminders and thanks")
        )
        if templates is not None:
            self.templates_button.clicked.connect(templates)
        else:  # a new programme has no letters of its own before it is saved
            self.templates_button.hide()
        self.coordinator_signs = QCheckBox(_("The coordinator also signs the agreements"), self)
        self.document_language = QComboBox(self)
        self.document_language.setObjectName("document_language")
        for code in LANGUAGES:
            self.document_language.addItem(LANGUAGE_NAMES[code], code)

        general = QFormLayout()
        general.addRow(_("Name"), self.name)
        general.addRow(_("Institution"), self.institution)
        dates = QHBoxLayout()
        dates.addWidget(self.start_date)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.end_date)
        dates.addStretch(1)
        general.addRow(_("Dates"), dates)
        general.addRow("", self.recruitment)

        scheme_box = QGroupBox(_("How the scheme runs"), self)
        scheme = QFormLayout(scheme_box)
        scheme.addRow(_("Default style"), self.default_style)
        scheme.addRow(_("Format"), self.format)
        scheme.addRow(_("Mode"), self.mode)
        scheme.addRow(_("Matching"), self.matching_mode)
        scheme.addRow(_("Organisation"), self.organisation)
        scheme.addRow(_("Expected meeting hours a month"), self.hours)
        scheme.addRow(_("Flag a pair after weeks without a meeting"), self.attention_weeks)
        scheme.addRow("", self.formal)
        scheme.addRow("", self.structured)

        documents_box = QGroupBox(_("Documents and certificates"), self)
        documents = QFormLayout(documents_box)
        documents.addRow(_("Coordinator’s name"), self.coordinator_name)
        documents.addRow(_("Coordinator’s title"), self.coordinator_title)
        documents.addRow(_("Coordinator’s e-mail address"), self.coordinator_email)
        letters = QHBoxLayout()
        letters.addWidget(self.templates_button)
        letters.addStretch(1)
        documents.addRow("", letters)
        documents.addRow(_("Document language"), self.document_language)
        self.logo_label = QLabel(self)
        self.logo_label.setObjectName("logoPreview")
        self.logo_label.setFixedHeight(48)
        self.logo_choose = QPushButton(_("Choose a logo…"), self)
        self.logo_choose.setObjectName("chooseLogo")
        self.logo_choose.clicked.connect(self.choose_logo)
        self.logo_remove = QPushButton(_("Remove"), self)
        self.logo_remove.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label)
        logo_row.addWidget(self.logo_choose)
        logo_row.addWidget(self.logo_remove)
        logo_row.addStretch(1)
        documents.addRow(_("Logo"), logo_row)
        documents.addRow("", self.coordinator_signs)

        self.error = error_label(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # The settings scroll downwards when the screen is shorter than the form (a large platform font);
        # the refusal and the buttons stay in sight below them.
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(general)
        body_layout.addWidget(scheme_box)
        body_layout.addWidget(documents_box)
        body_layout.addStretch(1)
        self.body = TallPage(body, self)
        self.body.setObjectName("programmeSettings")
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the fields, scrolling them into sight
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        tab_order(  # the fields as they stand in the form, not in the order they were made
            self.attention_weeks,
            self.formal,
            self.structured,
            self.coordinator_name,
            self.coordinator_title,
            self.coordinator_email,
            self.templates_button,
            self.document_language,
            self.logo_choose,
            self.logo_remove,
            self.coordinator_signs,
        )
        tab_order(self.end_date, self.default_style, self.format, self.mode, self.matching_mode, self.organisation)
        tab_order(self.organisation, self.hours, self.attention_weeks)

        self._load(settings or ProgrammeSettings(name="", document_language=current_language()))
        whole = self.body.whole_size()
        margins = layout.contentsMargins()
        below = self.error.sizeHint().height() + self.buttons.sizeHint().height() + 2 * layout.spacing()
        resize_within_screen(
            self,
            max(whole.width() + margins.left() + margins.right(), self.minimumWidth()),
            whole.height() + below + margins.top() + margins.bottom(),
        )

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a logo"), str(Path.home()), _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            data = Path(path).read_bytes()
            if QPixmap().loadFromData(data):
                self.set_logo(data)
            else:
                self.show_error(_("The file is not a PNG or JPEG image."), "chooseLogo")

    def set_logo(self, data: bytes | None) -> None:
        """Keep the logo (PNG or JPEG bytes) for the documents and show a small preview."""
        self._logo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_label.setPixmap(pixmap.scaledToHeight(44, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_label.setText(_("No logo"))
        self.logo_remove.setEnabled(data is not None)

    def _update_recruitment(self, date: QDate) -> None:
        opens = date.toPython() - dt.timedelta(weeks=3)
        self.recruitment.setText(
            _("Recruitment opens {date}, three weeks before the start.").format(date=format_date(opens))
        )

    def _load(self, s: ProgrammeSettings) -> None:
        today = dt.date.today()
        self.name.setText(s.name)
        self.institution.setText(s.institution)
        self.start_date.setDate(QDate(s.start_date or today))
        self.end_date.setDate(QDate(s.end_date or (s.start_date or today) + dt.timedelta(days=120)))
        self._update_recruitment(self.start_date.date())
        self.hours.setValue(s.expected_hours_per_month)
        self.attention_weeks.setValue(s.attention_weeks)
        _select(self.default_style, s.default_style)
        _select(self.format, s.format)
        _select(self.mode, s.mode)
        _select(self.matching_mode, s.matching_mode)
        _select(self.organisation, s.organisation)
        self.formal.setChecked(s.formal)
        self.structured.setChecked(s.structured)
        self.coordinator_name.setText(s.coordinator_name)
        self.coordinator_title.setText(s.coordinator_title)
        self.coordinator_email.setText(s.coordinator_email)
        self.coordinator_signs.setChecked(s.coordinator_signs_agreement)
        _select(self.document_language, s.document_language)
        self.set_logo(s.logo)

    def settings(self) -> ProgrammeSettings:
        return ProgrammeSettings(
            name=self.name.text().strip(),
            institution=self.institution.text().strip(),
            start_date=self.start_date.date().toPython(),
            end_date=self.end_date.date().toPython(),
            default_style=self.default_style.currentData(),
            format=self.format.currentData(),
            mode=self.mode.currentData(),
            formal=self.formal.isChecked(),
            structured=self.structured.isChecked(),
            organisation=self.organisation.currentData(),
            matching_mode=self.matching_mode.currentData(),
            expected_hours_per_month=self.hours.value(),
            coordinator_name=self.coordinator_name.text().strip(),
            coordinator_title=self.coordinator_title.text().strip(),
            coordinator_email=self.coordinator_email.text().strip(),
            coordinator_signs_agreement=self.coordinator_signs.isChecked(),
            document_language=self.document_language.currentData(),
            logo=self._logo,
            attention_weeks=self.attention_weeks.value(),
        )

    def accept(self) -> None:
        if self._save(self.settings()):
            super().accept()

    def show_error(self, message: str, field: str | None) -> None:
        """Show the refusal under the form and put the cursor in the field it concerns."""
        show_field_error(self, self.error, message, field)
        focused = self.focusWidget()
        if focused is not None and self.body.isAncestorOf(focused):
            self.body.ensureWidgetVisible(focused)
