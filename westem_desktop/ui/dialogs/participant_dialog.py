"""Add or edit a mentor or mentee: the profile, the onboarding checklist with dates, validation at the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.checklists import ONBOARDING
from westem_desktop.core.collation import collator, sorted_by_name
from westem_desktop.core.enums import Mode, ParticipantStatus, Role
from westem_desktop.core.labels import label
from westem_desktop.core.participants import MAX_CAPACITY, ParticipantData
from westem_desktop.core.vocabulary import (
    FIELDS,
    SUPPORT,
    country_names,
    field_label,
    interest_key,
    interest_labels,
    language_names,
    support_label,
)
from westem_desktop.i18n import _
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.forms import date_edit, error_label

COMMON_LANGUAGES = ("sv", "nb", "nl", "en", "da", "fi", "de", "fr", "es", "pl", "tr", "ar", "vi", "el", "zh")
Save = Callable[[ParticipantData, dict[str, dt.date | None]], bool]
Reload = Callable[[], tuple[ParticipantData, dict[str, dt.date], int]]


class ParticipantDialog(QDialog):
    """``save(data, onboarding)`` is called on Save and says whether it was saved (a refusal keeps the
    dialog open, shown at its field by the action runner).

    ``version`` is the version of the row the dialog shows. When someone else saved the participant
    meanwhile, the save is refused (``refused()``): the fields keep what she typed, and Reload (given
    ``reload()``, which reads the row as saved now) shows the newer values in the fields and lists her
    entries that differ beneath them, to apply again; nothing of either is lost."""

    def __init__(
        self,
        data: ParticipantData | None,
        onboarding: dict[str, dt.date],
        save: Save,
        parent: QWidget | None = None,
        *,
        version: int | None = None,
        reload: Reload | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("participantDialog")
        self._save = save
        self._reload = reload
        self.version = version
        self.setWindowTitle(_("Edit participant") if data else _("Add participant"))
        self.setMinimumWidth(620)
        data = data or ParticipantData(role=Role.MENTEE, name="")

        self.name = self._line("name")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(label(role), role.value)
        self.email = self._line("email")
        self.institution = self._line("institution")
        self.study_programme = self._line("study_programme")
        self.year = QSpinBox(self)
        self.year.setObjectName("year_of_study")
        self.year.setRange(0, 10)
        self.year.setSpecialValueText(_("not given"))
        self.country = QComboBox(self)
        self.country.setObjectName("country")
        self.country.addItem(_("not given"), "")
        for code, name in sorted_by_name(country_names().items(), lambda item: item[1]):
            self.country.addItem(f"{name} ({code})", code)
        self.capacity = QSpinBox(self)
        self.capacity.setObjectName("capacity")
        self.capacity.setRange(0, MAX_CAPACITY)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        for status in ParticipantStatus:
            self.status.addItem(label(status), status.value)
        self.mode = QComboBox(self)
        self.mode.setObjectName("preferred_mode")
        self.mode.addItem(_("no preference"), "")
        for mode in Mode:
            self.mode.addItem(label(mode), mode.value)
        self.availability = self._line("availability")
        self.interests = self._line("interests")
        self.interests.setPlaceholderText(_("separated by commas"))
        self.consent = QCheckBox(_("Consented to the storing of her data on"), self)
        self.consent.setObjectName("consent")
        self.consent_date = date_edit(self, "consent_date")
        self.consent_date.setAccessibleName(_("Date of consent"))
        self.consent.toggled.connect(self.consent_date.setEnabled)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)  # Tab goes on to the next field, as in every other field

        self.fields = self._checklist("fields", {k: field_label(k) for k in FIELDS})
        self.support = self._checklist("support_wanted", {k: support_label(k) for k in SUPPORT})
        names, collate = language_names(), collator()
        ordered = list(COMMON_LANGUAGES) + sorted(
            (c for c in names if c not in COMMON_LANGUAGES), key=lambda c: collate(names[c])
        )
        self.languages = self._checklist("languages", {c: f"{names[c]} ({c})" for c in ordered})
        self.languages.setMinimumHeight(140)

        profile = QWidget(self)
        form = QFormLayout(profile)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Role"), self.role)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Institution"), self.institution)
        form.addRow(_("Study programme"), self.study_programme)
        form.addRow(_("Year of study"), self.year)
        form.addRow(_("Country"), self.country)
        form.addRow(_("Mentees she can take"), self.capacity)
        form.addRow(_("Status"), self.status)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch(1)
        form.addRow("", consent_row)

        interests = QWidget(self)
        grid = QGridLayout(interests)
        fields_label = QLabel(_("Fields of expertise"), self)
        fields_label.setBuddy(self.fields)
        wanted_label = QLabel(_("Support wanted"), self)
        wanted_label.setBuddy(self.support)
        languages_label = QLabel(_("Languages"), self)
        languages_label.setBuddy(self.languages)
        grid.addWidget(fields_label, 0, 0)
        grid.addWidget(self.fields, 1, 0)
        grid.addWidget(wanted_label, 0, 1)
        grid.addWidget(self.support, 1, 1)
        grid.addWidget(languages_label, 2, 0, 1, 2)
        grid.addWidget(self.languages, 3, 0, 1, 2)
        more = QFormLayout()
        more.addRow(_("Interests"), self.interests)
        more.addRow(_("Preferred mode"), self.mode)
        more.addRow(_("Availability"), self.availability)
        more.addRow(_("Notes"), self.notes)
        grid.addLayout(more, 4, 0, 1, 2)

        self.onboarding_box = QGroupBox(self)
        self.onboarding_layout = QGridLayout(self.onboarding_box)
        self.onboarding_rows: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        self._onboarding = dict(onboarding)

        self.pages = QTabWidget(self)
        self.pages.addTab(profile, _("Profile"))
        self.pages.addTab(interests, _("Expertise and wishes"))
        self.pages.addTab(self.onboarding_box, _("Onboarding checklist"))

        self.error = error_label(self)
        self.reload_button = QPushButton(_("Re&load"), self)
        self.reload_button.setObjectName("reload")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        self.yours_label = QLabel(_("Your entries that were not saved (the fields show the saved ones):"), self)
        self.yours = QPlainTextEdit(self)
        self.yours.setObjectName("yourEntries")
        self.yours.setReadOnly(True)  # selectable: she copies from it what she applies again
        self.yours.setTabChangesFocus(True)
        self.yours.setMaximumHeight(80)
        self.yours_label.setBuddy(self.yours)
        self.yours_label.hide()
        self.yours.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        message_row = QHBoxLayout()
        message_row.addWidget(self.error, 1)
        message_row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addLayout(message_row)
        layout.addWidget(self.yours_label)
        layout.addWidget(self.yours)
        layout.addWidget(buttons)
        tab_order(  # reading order: the pages' tabs above, then each page's fields as they stand
            self.pages.tabBar(),
            self.name,
            self.role,
            self.email,
            self.institution,
            self.study_programme,
            self.year,
            self.country,
            self.capacity,
            self.status,
            self.consent,
            self.consent_date,
            self.fields,
            self.support,
            self.languages,
            self.interests,
            self.mode,
            self.availability,
            self.notes,
        )

        self.role.currentIndexChanged.connect(self._role_changed)
        self._load(data)
        self._as_read = self._shown()  # what the dialog showed first: her edits are what differs from it

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        return edit

    def _checklist(self, name: str, items: dict[str, str]) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        for key, text in items.items():
            item = QListWidgetItem(text, widget)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        return widget

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    @staticmethod
    def _check(widget: QListWidget, keys: list[str]) -> None:
        for i in range(widget.count()):
            item = widget.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _role_changed(self) -> None:
        mentor = self.role.currentData() == Role.MENTOR
        self.capacity.setEnabled(mentor)
        if not mentor:
            self.capacity.setValue(1)
        self.support.setEnabled(not mentor)
        self._build_onboarding(self.role.currentData())

    def _build_onboarding(self, role: str) -> None:
        current = {key: (box.isChecked(), edit.date().toPython()) for key, (box, edit) in self.onboarding_rows.items()}
        while self.onboarding_layout.count():
            widget = self.onboarding_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone at once for the eye and for Tab, deleted once control is back in the loop
                widget.deleteLater()
        self.onboarding_rows = {}
        self.onboarding_box.setTitle(_("Checklist for mentors") if role == Role.MENTOR else _("Checklist for mentees"))
        for row, (key, text) in enumerate(ONBOARDING[Role(role)]):
            box = QCheckBox(_(text), self.onboarding_box)
            box.setObjectName(f"onboarding_{key}")
            edit = date_edit(self.onboarding_box)
            done = self._onboarding.get(key)
            if key in current:
                box.setChecked(current[key][0])
                edit.setDate(QDate(current[key][1]))
            elif done is not None:
                box.setChecked(True)
                edit.setDate(QDate(done))
            edit.setEnabled(box.isChecked())
            box.toggled.connect(edit.setEnabled)
            edit.setAccessibleName(_("Date: {item}").format(item=box.text()))
            self.onboarding_layout.addWidget(box, row, 0)
            self.onboarding_layout.addWidget(edit, row, 1)
            self.onboarding_layout.setRowStretch(row, 0)
            self.onboarding_rows[key] = (box, edit)
        self.onboarding_layout.setRowStretch(len(ONBOARDING[Role(role)]), 1)  # the items stay together at the top
        # The rows are made after the dialog's buttons: Tab goes through them before it reaches the buttons.
        tab_order(self.notes, *(widget for row in self.onboarding_rows.values() for widget in row))

    def _load(self, d: ParticipantData) -> None:
        self.name.setText(d.name)
        self.role.setCurrentIndex(max(0, self.role.findData(d.role)))
        self.email.setText(d.email)
        self.institution.setText(d.institution)
        self.study_programme.setText(d.study_programme)
        self.year.setValue(d.year_of_study or 0)
        self.country.setCurrentIndex(max(0, self.country.findData(d.country)))
        self.capacity.setValue(d.capacity)
        self.status.setCurrentIndex(max(0, self.status.findData(d.status)))
        self.mode.setCurrentIndex(max(0, self.mode.findData(d.preferred_mode or "")))
        self.availability.setText(d.availability)
        self.interests.setText(interest_labels(d.interests))
        self.consent.setChecked(d.consent)
        self.consent_date.setEnabled(d.consent)
        if d.consent_date:
            self.consent_date.setDate(QDate(d.consent_date))
        self.notes.setPlainText(d.notes)
        self._check(self.fields, d.fields)
        self._check(self.support, d.support_wanted)
        self._check(self.languages, d.languages)
        self._role_changed()

    def participant_data(self) -> ParticipantData:
        mentor = self.role.currentData() == Role.MENTOR
        return ParticipantData(
            role=self.role.currentData(),
            name=self.name.text(),
            email=self.email.text(),
            institution=self.institution.text(),
            study_programme=self.study_programme.text(),
            year_of_study=self.year.value() or None,
            fields=self._checked(self.fields),
            country=self.country.currentData(),
            languages=self._checked(self.languages),
            interests=[interest_key(part) for part in self.interests.text().split(",") if part.strip()],
            support_wanted=[] if mentor else self._checked(self.support),
            preferred_mode=self.mode.currentData() or None,
            availability=self.availability.text(),
            capacity=self.capacity.value(),
            status=self.status.currentData(),
            consent=self.consent.isChecked(),
            consent_date=self.consent_date.date().toPython() if self.consent.isChecked() else None,
            notes=self.notes.toPlainText(),
        )

    def onboarding(self) -> dict[str, dt.date | None]:
        return {
            key: edit.date().toPython() if box.isChecked() else None
            for key, (box, edit) in self.onboarding_rows.items()
        }

    def accept(self) -> None:
        if self._save(self.participant_data(), self.onboarding()):
            super().accept()

    def refused(self, error: Exception) -> None:
        """A refused save: after someone else's newer change, Reload is offered (the message is shown)."""
        from westem_desktop.core.errors import ConcurrentChangeError

        self.reload_button.setVisible(isinstance(error, ConcurrentChangeError) and self._reload is not None)
        if self.reload_button.isVisible():
            self.reload_button.setFocus()

    def reload(self) -> None:
        """Show the participant as saved now, on her newer version; list her entries that differ."""
        if self._reload is None:
            return
        mine, read = self._shown(), self._as_read
        data, onboarding, self.version = self._reload()
        self._onboarding = dict(onboarding)
        self.onboarding_rows = {}  # rebuilt from the saved dates, not from what the rows show
        self._load(data)
        theirs = self._as_read = self._shown()
        differing = [  # what she changed, where the saved values now say otherwise
            f"{label}: {text}"
            for key, (label, text) in mine.items()
            if read.get(key, (label, ""))[1] != text and theirs.get(key, (label, ""))[1] != text
        ]
        self.yours.setPlainText("\n".join(differing))
        self.yours_label.setVisible(bool(differing))
        self.yours.setVisible(bool(differing))
        self.reload_button.hide()
        self.error.hide()

    def _shown(self) -> dict[str, tuple[str, str]]:
        """Each field's label and what it shows, in the words of the form."""

        def checked(widget: QListWidget) -> str:
            return ", ".join(
                widget.item(i).text()
                for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked
            )

        consent = self.consent_date.text() if self.consent.isChecked() else ""
        ticked = {
            f"onboarding_{key}": (box.text(), edit.text() if box.isChecked() else "")
            for key, (box, edit) in self.onboarding_rows.items()
        }
        return ticked | {
            "name": (_("Name"), self.name.text()),
            "role": (_("Role"), self.role.currentText()),
            "email": (_("E-mail"), self.email.text()),
            "institution": (_("Institution"), self.institution.text()),
            "study_programme": (_("Study programme"), self.study_programme.text()),
            "year_of_study": (_("Year of study"), self.year.text()),
            "country": (_("Country"), self.country.currentText()),
            "capacity": (_("Mentees she can take"), self.capacity.text()),
            "status": (_("Status"), self.status.currentText()),
            "consent": (_("Date of consent"), consent),
            "fields": (_("Fields of expertise"), checked(self.fields)),
            "support_wanted": (_("Support wanted"), checked(self.support)),
            "languages": (_("Languages"), checked(self.languages)),
            "interests": (_("Interests"), self.interests.text()),
            "preferred_mode": (_("Preferred mode"), self.mode.currentText()),
            "availability": (_("Availability"), self.availability.text()),
            "notes": (_("Notes"), self.notes.toPlainText()),
        }
