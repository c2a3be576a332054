"""The Agreements tab: each pair's mentoring agreement (edited, previewed, printed, signed; every version
listed with its dates, any of them printed as it was signed) and the certificates of closed pairs, one at
a time or as a batch.

It reads through ``core.views.agreements`` and writes through the services of ``core.agreements``, each
write one call through the action runner: it runs no query of its own."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.enums import MatchStatus
from westem_desktop.core.labels import label
from westem_desktop.i18n import N_, _, current_language, format_date, ngettext
from westem_desktop.ui.actions import Change
from westem_desktop.ui.bulk import without_collection
from westem_desktop.ui.models.roles import ID_ROLE
from westem_desktop.ui.models.rows import RowsModel, SourceSortingProxy, text_key
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message
from westem_desktop.ui.widgets.agreement_editor import AgreementEditor
from westem_desktop.ui.widgets.agreement_versions import AgreementVersions, status_text
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.forms import date_edit, error_label
from westem_desktop.ui.widgets.heading import Heading

if TYPE_CHECKING:
    from westem_desktop.core.agreements import Resigning
    from westem_desktop.core.views.agreements import AgreementPair, AgreementPanel

COLUMNS = (N_("Mentor"), N_("Mentee"), N_("State"), N_("Agreement"))
NAME_COLUMNS = (0, 1)
"""The mentor and the mentee: the columns that take the width the states leave."""


def _texts(row: AgreementPair) -> tuple[int, tuple[str, ...]]:
    state = status_text(row.agreement_status)
    if row.version > 1:
        state = _("{state} (version {n})").format(state=state, n=row.version)
    return row.id, (row.mentor, row.mentee, label(MatchStatus(row.status)), state)


class AgreementsTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def build_content(self) -> QWidget:
        content = QWidget(self)
        self.match_id: int | None = None
        self.panel: AgreementPanel | None = None
        # Sorting by a name or the pair's state reads the rows themselves: it formats nothing.
        keys = {
            0: lambda r: text_key(r.mentor),
            1: lambda r: text_key(r.mentee),
            2: lambda r: text_key(label(MatchStatus(r.status))),
        }
        self.model = RowsModel(COLUMNS, _texts, self, ident=lambda row: row.id, keys=keys)
        proxy = SourceSortingProxy(self)
        proxy.setSourceModel(self.model)
        self.view = QTableView(content)
        self.view.setObjectName("agreementPairs")
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the model gives each cell its whole text as tooltip
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.horizontalHeader()
        for column in range(len(COLUMNS)):  # the names share the width; the state columns fit their texts
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch if column in NAME_COLUMNS else QHeaderView.ResizeMode.ResizeToContents,
            )
        header.setResizeContentsPrecision(60)  # the states fitted to the rows on screen and a few more
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.batch_button = QPushButton(content)
        self.batch_button.setObjectName("allCertificates")
        self.batch_button.clicked.connect(self.all_certificates)
        self.files_button = QPushButton(content)
        self.files_button.setObjectName("certificateFiles")
        self.files_button.clicked.connect(self.choose_certificate_folder)
        self.handouts_button = QPushButton(content)
        self.handouts_button.setObjectName("handouts")
        self.handouts_button.clicked.connect(self.handouts)
        left = QWidget(content)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        batch = QHBoxLayout()
        batch.addWidget(self.batch_button)
        batch.addWidget(self.files_button)
        left_layout.addLayout(batch)
        left_layout.addWidget(self.handouts_button)

        self.heading = Heading(1.2, content)
        self.state = QLabel(content)
        self.state.setObjectName("agreementState")
        self.versions = AgreementVersions(content)
        self.versions.previewRequested.connect(self.preview_version)
        self.versions.hide()
        self.scroll = QScrollArea(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.error = error_label(content)
        self.reload_button = QPushButton(content)  # offered after a save refused over someone else's change
        self.reload_button.setObjectName("reloadAgreement")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload_agreement)
        self._shown: tuple[int, object] | None = None  # the pair and agreement (versions.Seen) in the editor
        self._loaded: object = None  # the contents the editor was loaded with
        self.save_button = QPushButton(content)
        self.save_button.setObjectName("saveAgreement")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(content)
        self.print_button.setObjectName("printAgreement")
        self.print_button.clicked.connect(self.preview)
        self.signed_on = date_edit(content, "signedOn")
        self.sign_button = QPushButton(content)
        self.sign_button.setObjectName("markSigned")
        self.sign_button.clicked.connect(self.mark_signed)
        self.certificate_button = QPushButton(content)
        self.certificate_button.setObjectName("pairCertificates")
        self.certificate_button.clicked.connect(self.pair_certificates)
        # Certificates are recorded as given; a preview prints without writing until printed.
        self.actions.edits(
            self.save_button, self.sign_button, self.certificate_button, self.batch_button, self.files_button
        )
        # Two rows: in one, "Preview and print…" was cut short on a laptop in Dutch and Swedish.
        actions = QHBoxLayout()
        for widget in (self.save_button, self.print_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.certificate_button)
        signing = QHBoxLayout()
        signing.addWidget(self.signed_on)
        signing.addWidget(self.sign_button)
        signing.addStretch(1)
        right = QWidget(content)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.state)
        right_layout.addLayout(actions)
        right_layout.addLayout(signing)
        message = QHBoxLayout()
        message.addWidget(self.error, 1)
        message.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(message)
        right_layout.addWidget(self.versions)
        right_layout.addWidget(self.scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, content)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([4500, 5500])  # in proportion: room for whole names in the list, the rest for the agreement
        layout = QVBoxLayout(content)
        layout.addWidget(splitter)
        tab_order(  # the buttons above the agreement come before its versions and fields (made earlier)
            self.handouts_button,
            self.save_button,
            self.print_button,
            self.certificate_button,
            self.signed_on,
            self.sign_button,
        )
        # The agreement's fields made last: in the focus chain they follow the buttons above them.
        self.editor = AgreementEditor(content)
        self._editor_language = current_language()  # the language its labels were built in
        self.scroll.setWidget(self.editor)
        return content

    def title(self) -> str:
        return _("Agreements")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.pairs == 0:
            return (
                _("No pairs to write agreements for"),
                _(
                    "A mentoring agreement is written for a pair and printed for the mentor and the mentee "
                    "to sign. Form pairs on the Matches tab first."
                ),
                _("Go to Matches"),
            )
        return None

    def retranslate(self) -> None:
        self.save_button.setText(_("&Save"))
        self.reload_button.setText(_("Re&load"))
        self.print_button.setText(_("Preview and &print…"))
        self.sign_button.setText(_("Si&gned on this day"))
        self.signed_on.setAccessibleName(_("Date the agreement was signed"))
        self.view.setAccessibleName(_("Pairs"))
        self.certificate_button.setText(_("&Certificates…"))
        self.batch_button.setText(_("Certificates for every closed pair…"))
        self.files_button.setText(_("One file per person…"))
        self.handouts_button.setText(_("&Handouts: checklists and the mentoring cycle…"))
        self.versions.retranslate()
        if self.match_id is None:
            self.heading.setText(_("Choose a pair in the list"))  # in the new language too
        self._show_state()
        self.show_content_or_empty_state()

    def translate_ui(self) -> None:
        if self._editor_language != current_language():  # not when the tab is first built
            data = self.editor.data()
            self.editor = AgreementEditor(self)  # the editor's labels are built in the new language
            self._editor_language = current_language()
            self.editor.load(data)
            self.scroll.setWidget(self.editor)
        self.model.retranslate()
        super().translate_ui()

    # -- data ---------------------------------------------------------------------------------

    @without_collection  # many rows at once: see ui/bulk.py
    def reload(self) -> None:
        from westem_desktop.core.views.agreements import agreement_pairs

        rows = agreement_pairs(self.db, self.programme_id) if self.programme_id is not None else []
        self.model.set_rows(rows)
        if not any(row.id == self.match_id for row in rows):
            self.match_id = None
        self._load_pair()
        self.retranslate()

    def _selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        self.match_id = rows[0].data(ID_ROLE) if rows else None
        self._load_pair()

    def select_pair(self, match_id: int) -> None:
        for row in range(self.view.model().rowCount()):
            if self.view.model().index(row, 0).data(ID_ROLE) == match_id:
                self.view.selectRow(row)
                return

    def _load_pair(self) -> None:
        # The read model loads SQLAlchemy: imported when a pair is shown, not while the window starts.
        from westem_desktop.core.views.agreements import agreement_panel

        self.error.hide()
        enabled = self.match_id is not None
        for widget in (self.editor, self.save_button, self.print_button, self.sign_button, self.signed_on):
            widget.setEnabled(enabled)
        self.panel = agreement_panel(self.db, self.match_id) if enabled else None
        if self.panel is None:
            self.heading.setText(_("Choose a pair in the list"))
            self.certificate_button.setEnabled(False)
            self.versions.set_versions([])
            self._show_state()
            return
        panel = self.panel
        self.heading.setText(_("{mentor} and {mentee}").format(mentor=panel.mentor, mentee=panel.mentee))
        if not self._edited(panel.id):
            self.editor.load(panel.contents)
            self._shown, self._loaded = (panel.id, panel.seen), panel.contents
        # else: another coordinator's change came in while this pair's agreement was being edited: what was
        # typed stays in the editor, and its save is refused with who and when (Reload shows theirs).
        self.certificate_button.setEnabled(panel.status == MatchStatus.CLOSED)
        self.versions.set_versions(panel.versions)
        self._show_state()

    def _show_state(self) -> None:
        if self.panel is None:
            self.state.clear()
            return
        if not self.panel.versions:
            self.state.setText(_("No agreement saved yet; the form shows a suggestion."))
            return
        newest = self.panel.versions[0]
        parts = [_("Version {n}").format(n=newest.version), status_text(newest.status)]
        if newest.printed_on:
            parts.append(_("printed on {date}").format(date=format_date(newest.printed_on)))
        if newest.signed_on:
            parts.append(_("signed on {date}").format(date=format_date(newest.signed_on)))
        self.state.setText(" · ".join(parts))

    # -- actions ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the editor's contents; an edit of a signed agreement is confirmed first (both must sign
        again). False when refused or cancelled: then nothing changed."""
        from westem_desktop.core import agreements
        from westem_desktop.core.errors import ValidationError
        from westem_desktop.core.views.agreements import editing_resigns
        from westem_desktop.ui.actions import show_refusal

        if self.match_id is None:
            return False
        match_id, data = self.match_id, self.editor.data()
        try:
            resigning = editing_resigns(self.db, match_id, data)
        except ValidationError as exc:  # refused before anyone is asked about signatures
            show_refusal(self.editor, str(exc), exc.field, self.error)
            return False
        if resigning is not None and not self.confirm_resigning(resigning):
            return False
        seen = self._shown[1] if self._shown and self._shown[0] == match_id else None
        return self._write(lambda session: agreements.save(session, match_id, data, seen))

    def _edited(self, match_id: int) -> bool:
        """Whether the editor holds unsaved changes to the agreement of ``match_id``."""
        return self._shown is not None and self._shown[0] == match_id and self.editor.data() != self._loaded

    def reload_agreement(self) -> None:
        """Show the agreement as saved now (after a refusal): what was typed is replaced."""
        self._shown = None
        self.reload_button.hide()
        self._load_pair()

    def confirm_resigning(self, resigning: Resigning) -> bool:
        """Ask before an edit makes a new version of a signed agreement."""
        if resigning.signed_on is not None:
            signed = _("Version {n} was signed on {date}.").format(
                n=resigning.signed_version, date=format_date(resigning.signed_on)
            )
        else:
            signed = _("Version {n} was signed.").format(n=resigning.signed_version)
        box = QMessageBox(QMessageBox.Icon.Question, _("Both must sign again"), signed, parent=self)
        box.setObjectName("confirmResigning")
        box.setInformativeText(
            _(
                "Saving your changes makes version {n}, which the mentor and the mentee must both sign again. "
                "The signed version is kept and can still be printed."
            ).format(n=resigning.new_version)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Save).setText(_("Save as version {n}").format(n=resigning.new_version))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Save

    def _write(self, write) -> bool:
        """A change to the agreements; a refusal is shown at the editor's field, the pair stays selected;
        after someone else's newer change, Reload is offered beside the message."""
        from westem_desktop.core.errors import ConcurrentChangeError

        selected = self.match_id
        outcome = self.actions.run(write, Change.AGREEMENTS, self.editor, line=self.error)
        self.reload_button.setVisible(isinstance(outcome.error, ConcurrentChangeError))
        if outcome and selected is not None:
            self._shown = None  # the saved contents are shown now
            self.select_pair(selected)
            self._load_pair()
        return outcome.done

    def _render_agreement(self, version: int | None, choice: dict[str, bool] | None = None) -> Callable[[str], bytes]:
        """``choice["by_hand"]``, read at each rendering: the agreement to complete by hand."""
        from westem_desktop.core.views.agreements import agreement_document
        from westem_desktop.documents.agreement import write_agreement

        db, match_id = self.db, self.match_id
        choice = {} if choice is None else choice

        def render(language: str) -> bytes:
            buffer = io.BytesIO()
            document = agreement_document(db, match_id, version, language, choice.get("by_hand", False))
            write_agreement(document, language, buffer)
            return buffer.getvalue()

        return render

    def _document_language(self) -> str:
        from westem_desktop.core.views.programmes import document_language

        if self.match_id is not None:
            return document_language(self.db, match_id=self.match_id)
        return document_language(self.db, programme_id=self.programme_id)

    def preview(self):
        """Save the editor's contents (when changed) and preview the newest version to print it."""
        if self.match_id is None or not self.save() or self.panel is None or not self.panel.versions:
            return None
        return self.preview_version(self.panel.versions[0].version)

    def preview_version(self, version: int):
        """Preview one version exactly as it was saved (a signed one as it was signed), to print it;
        printing marks that version printed."""
        from westem_desktop.core import agreements
        from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

        if self.match_id is None:
            return None
        match_id = self.match_id
        title = _("Mentoring agreement, version {n}").format(n=version)
        choice = {"by_hand": False}
        dialog = PdfPreview(
            title, f"agreement-{version}.pdf", self._render_agreement(version, choice), self._document_language(), self
        )
        dialog.add_choice(
            _("To complete by hand (ruled space, three goals)"),
            "agreementByHand",
            lambda checked: choice.__setitem__("by_hand", checked),
        )
        dialog.exec()
        if dialog.printed:
            self._write(lambda session: agreements.record_printed(session, match_id, dt.date.today(), version))
        return dialog

    def mark_signed(self) -> None:
        """The newest version, with the editor's contents saved first, was signed on the chosen day."""
        from westem_desktop.core import agreements

        if self.match_id is None or not self.save():
            return
        day, match_id = self.signed_on.date().toPython(), self.match_id
        self._write(lambda session: agreements.sign(session, match_id, day))

    def _certificates(self, match_ids: list[int], file_name: str):
        from westem_desktop.core import agreements
        from westem_desktop.core.views.agreements import certificate_documents
        from westem_desktop.documents.certificate import write_certificates
        from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

        db = self.db
        shown: dict[str, list] = {}

        def render(language: str) -> bytes:
            shown[language] = certificate_documents(db, match_ids, language)  # previewing issues nothing
            buffer = io.BytesIO()
            write_certificates(shown[language], language, buffer)
            return buffer.getvalue()

        dialog = PdfPreview(_("Certificates"), file_name, render, self._document_language(), self)
        dialog.exec()
        if dialog.printed:
            language, docs = dialog.current_language(), shown[dialog.current_language()]
            self.actions.run(
                lambda session: agreements.record_certificates(session, docs, language), Change.AGREEMENTS, self
            )
        return dialog

    def pair_certificates(self):
        if self.match_id is not None:
            return self._certificates([self.match_id], "certificates.pdf")
        return None

    def all_certificates(self):
        from westem_desktop.core.views.agreements import closed_pairs

        ids = closed_pairs(self.db, self.programme_id)
        if not ids:
            QMessageBox.information(self, _("Certificates"), _("The programme has no closed pairs yet."))
            return None
        self.statusMessage.emit(ngettext("{n} certificate", "{n} certificates", 2 * len(ids)).format(n=2 * len(ids)))
        return self._certificates(ids, "certificates.pdf")

    def handouts(self):
        from westem_desktop.core.views.agreements import programme_name
        from westem_desktop.documents.handouts import write_handouts
        from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

        name = programme_name(self.db, self.programme_id)

        def render(language: str) -> bytes:
            buffer = io.BytesIO()
            write_handouts(language, name, buffer)
            return buffer.getvalue()

        dialog = PdfPreview(_("Handouts"), "handouts.pdf", render, self._document_language(), self)
        dialog.exec()
        return dialog

    def choose_certificate_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder for the certificates"), str(Path.home()))
        if folder:
            written = self.save_certificates_per_person(Path(folder), self._document_language())
            self.statusMessage.emit(
                ngettext("{n} certificate written.", "{n} certificates written.", len(written)).format(n=len(written))
            )

    def save_certificates_per_person(self, folder: Path, language: str) -> list[Path]:
        """One PDF per person for every closed pair (with progress for long batches); the ones written are
        recorded as issued."""
        from westem_desktop.core import agreements
        from westem_desktop.core.views.agreements import certificate_documents, closed_pairs
        from westem_desktop.documents.certificate import write_certificate_files
        from westem_desktop.ui.busy import busy, progress

        db = self.db
        with busy():
            docs = certificate_documents(db, closed_pairs(db, self.programme_id), language)
        with progress(self, _("Writing certificates…"), len(docs)) as step:
            written = write_certificate_files(docs, language, folder, step)
        issued = docs[: len(written)]
        self.actions.run(
            lambda session: agreements.record_certificates(session, issued, language), Change.AGREEMENTS, self
        )
        return written
