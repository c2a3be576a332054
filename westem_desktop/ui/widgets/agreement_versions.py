"""Every version of a pair's agreement with its dates (saved, printed, signed), the newest first; any
version, a signed one that an edit replaced too, can be previewed and printed as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.i18n import N_, _, format_date
from westem_desktop.ui.models.rows import ID_ROLE, RowsModel

if TYPE_CHECKING:
    from westem_desktop.core.agreements import AgreementVersion

COLUMNS = (N_("Version"), N_("Status"), N_("Created"), N_("Printed"), N_("Signed"))
AGREEMENT_STATUS = {
    "": N_("none yet"),
    "draft": N_("draft"),
    "printed": N_("printed"),
    "signed": N_("signed"),
    "superseded": N_("superseded"),
}


def status_text(status: str) -> str:
    return _(AGREEMENT_STATUS.get(status, status))


def _texts(row: AgreementVersion) -> tuple[int, tuple[str, ...]]:
    dates = (format_date(d) if d else "–" for d in (row.created, row.printed_on, row.signed_on))
    return row.version, (str(row.version), status_text(row.status), *dates)


class AgreementVersions(QWidget):
    """The versions table; ``previewRequested(version)`` when the coordinator asks to see one."""

    previewRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.model = RowsModel(COLUMNS, _texts, self)
        self.view = QTableView(self)
        self.view.setObjectName("agreementVersions")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMaximumHeight(120)
        self.view.doubleClicked.connect(lambda _index: self._request())
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("previewVersion")
        self.preview_button.setEnabled(False)
        self.preview_button.clicked.connect(self._request)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Versions"))
        self.preview_button.setText(_("Preview and print this &version…"))
        self.model.retranslate()

    def set_versions(self, versions: list[AgreementVersion]) -> None:
        self.model.set_rows(versions)
        self.setVisible(bool(versions))
        self._selected()

    def rows(self) -> list[tuple[str, ...]]:
        """The texts of every line, as the coordinator reads them."""
        model = self.model
        return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]

    def select_version(self, version: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(ID_ROLE) == version:
                self.view.selectRow(row)
                return

    def selected_version(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _selected(self) -> None:
        self.preview_button.setEnabled(self.selected_version() is not None)

    def _request(self) -> None:
        version = self.selected_version()
        if version is not None:
            self.previewRequested.emit(version)
