"""The Agreements tab: each pair's mentoring agreement (edited, previewed, printed, signed) and the
certificates of closed pairs, one at a time or as a batch."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.enums import MatchStatus
from westem_desktop.core.labels import label
from westem_desktop.i18n import N_, _, format_date, ngettext
from westem_desktop.ui.actions import Change
from westem_desktop.ui.models.roles import ID_ROLE
from westem_desktop.ui.models.rows import RowsModel, SourceSortingProxy
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message
from westem_desktop.ui.widgets.agreement_editor import AgreementEditor
from westem_desktop.ui.widgets.forms import date_edit, error_label

COLUMNS = (N_("Mentor"), N_("Mentee"), N_("Pair"), N_("Agreement"))
AGREEMENT_STATUS = {
    "": N_("none yet"),
    "draft": N_("draft"),
    "printed": N_("printed"),
    "signed": N_("signed"),
    "superseded": N_("superseded"),
}


def _texts(row: tuple) -> tuple[int, tuple[str, ...]]:
    match_id, mentor, mentee, status, agreement_status, version = row
    state = _(AGREEMENT_STATUS.get(agreement_status or "", agreement_status))
    if version and version > 1:
        state = _("{state} (version {n})").format(state=state, n=version)
    return match_id, (mentor, mentee, label(MatchStatus(status)), state)


class AgreementsTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def build_content(self) -> QWidget:
        content = QWidget(self)
        self.match_id: int | None = None
        self.model = RowsModel(COLUMNS, _texts, self)
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
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
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

        self.heading = QLabel(content)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.state = QLabel(content)
        self.state.setObjectName("agreementState")
        self.editor = AgreementEditor(content)
        self.scroll = QScrollArea(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.editor)
        self.error = error_label(content)
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
        actions = QHBoxLayout()
        for widget in (self.save_button, self.print_button, self.signed_on, self.sign_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.certificate_button)
        right = QWidget(content)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.state)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, content)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(content)
        layout.addWidget(splitter)
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
        self.print_button.setText(_("Preview and &print…"))
        self.sign_button.setText(_("Si&gned on this day"))
        self.certificate_button.setText(_("&Certificates…"))
        self.batch_button.setText(_("Certificates for every closed pair…"))
        self.files_button.setText(_("One file per person…"))
        self.handouts_button.setText(_("&Handouts: checklists and the mentoring cycle…"))
        self._show_state()
        self.show_content_or_empty_state()

    def translate_ui(self) -> None:
        data = self.editor.data()
        self.editor = AgreementEditor(self)  # the editor's labels are built in the new language
        self.editor.load(data)
        self.scroll.setWidget(self.editor)
        self.model.retranslate()
        super().translate_ui()

    # -- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        db = self.db
        rows = []
        if self.programme_id is not None:
            rows = (
                db.read()
                .execute(
                    """SELECT m.id, a.name, e.name, m.status,
                          (SELECT g.status FROM agreement g WHERE g.match_id = m.id ORDER BY g.version DESC LIMIT 1),
                          (SELECT max(g.version) FROM agreement g WHERE g.match_id = m.id)
                   FROM match m JOIN participant a ON a.id = m.mentor_id JOIN participant e ON e.id = m.mentee_id
                   WHERE m.programme_id = ? AND m.status != 'ended'""",
                    (self.programme_id,),
                )
                .fetchall()
            )
        self.model.set_rows(rows)
        if not any(r[0] == self.match_id for r in rows):
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
        self.error.hide()
        enabled = self.match_id is not None
        for widget in (self.editor, self.save_button, self.print_button, self.sign_button, self.signed_on):
            widget.setEnabled(enabled)
        if not enabled:
            self.heading.setText(_("Choose a pair in the list"))
            self.certificate_button.setEnabled(False)
            self._show_state()
            return
        # The services load SQLAlchemy: imported when a pair is shown, not while the window starts.
        from westem_desktop.core import agreements
        from westem_desktop.core.models import Match

        with self.db.session() as session:
            match = session.get_one(Match, self.match_id)
            self.heading.setText(_("{mentor} and {mentee}").format(mentor=match.mentor.name, mentee=match.mentee.name))
            self.editor.load(agreements.draft(session, self.match_id))
            self.certificate_button.setEnabled(match.status == MatchStatus.CLOSED)
        self._show_state()

    def _show_state(self) -> None:
        if self.match_id is None:
            self.state.clear()
            return
        from westem_desktop.core import agreements

        with self.db.session() as session:
            agreement = agreements.current(session, self.match_id)
            if agreement is None:
                self.state.setText(_("No agreement saved yet; the form shows a suggestion."))
                return
            parts = [_("Version {n}").format(n=agreement.version), _(AGREEMENT_STATUS[agreement.status])]
            if agreement.printed_on:
                parts.append(_("printed on {date}").format(date=format_date(agreement.printed_on)))
            if agreement.signed_on:
                parts.append(_("signed on {date}").format(date=format_date(agreement.signed_on)))
            self.state.setText(" · ".join(parts))

    # -- actions ------------------------------------------------------------------------------

    def save(self) -> bool:
        from westem_desktop.core import agreements

        if self.match_id is None:
            return False
        match_id, data = self.match_id, self.editor.data()
        return self._write(lambda session: agreements.save(session, match_id, data))

    def _write(self, write) -> bool:
        """A change to the agreements; a refusal is shown at the editor's field, the pair stays selected."""
        selected = self.match_id
        done = self.actions.run(write, Change.AGREEMENTS, self.editor, line=self.error).done
        if done and selected is not None:
            self.select_pair(selected)
        return done

    def _render_agreement(self, language: str) -> bytes:
        from westem_desktop.core import agreements
        from westem_desktop.documents.agreement import write_agreement

        with self.db.session() as session:
            document = agreements.agreement_document(session, self.match_id, language=language)
        buffer = io.BytesIO()
        write_agreement(document, language, buffer)
        return buffer.getvalue()

    def _document_language(self) -> str:
        from westem_desktop.core.views.programmes import document_language

        if self.match_id is not None:
            return document_language(self.db, match_id=self.match_id)
        return document_language(self.db, programme_id=self.programme_id)

    def preview(self):
        from westem_desktop.core import agreements
        from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

        if self.match_id is None or not self.save():
            return None
        dialog = PdfPreview(
            _("Mentoring agreement"), "agreement.pdf", self._render_agreement, self._document_language(), self
        )
        dialog.exec()
        if dialog.printed:
            match_id = self.match_id
            self._write(lambda session: agreements.record_printed(session, match_id, dt.date.today()))
        return dialog

    def mark_signed(self) -> None:
        from westem_desktop.core import agreements

        if self.match_id is None:
            return
        day, match_id, data = self.signed_on.date().toPython(), self.match_id, self.editor.data()

        def mark_signed(session) -> None:
            current = agreements.current(session, match_id)
            if current is None:
                current = agreements.save(session, match_id, data)
            agreements.mark_signed(session, current.id, day)

        self._write(mark_signed)

    def _certificates(self, match_ids: list[int], file_name: str):
        from westem_desktop.core import agreements
        from westem_desktop.documents.certificate import write_certificates
        from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

        def render(language: str) -> bytes:
            with self.db.session() as session:  # previewing is not issuing: nothing is recorded
                docs = agreements.certificate_documents(session, match_ids, language)
            buffer = io.BytesIO()
            write_certificates(docs, language, buffer)
            return buffer.getvalue()

        dialog = PdfPreview(_("Certificates"), file_name, render, self._document_language(), self)
        dialog.exec()
        if dialog.printed:
            language = dialog.current_language()

            def record(session) -> None:
                docs = agreements.certificate_documents(session, match_ids, language)
                agreements.record_certificates(session, docs, language)

            self.actions.run(record, Change.AGREEMENTS, self)
        return dialog

    def pair_certificates(self):
        if self.match_id is not None:
            return self._certificates([self.match_id], "certificates.pdf")
        return None

    def all_certificates(self):
        from PySide6.QtWidgets import QMessageBox

        from westem_desktop.core import agreements

        with self.db.session() as session:
            ids = agreements.closed_pairs(session, self.programme_id)
        if not ids:
            QMessageBox.information(self, _("Certificates"), _("The programme has no closed pairs yet."))
            return None
        self.statusMessage.emit(ngettext("{n} certificate", "{n} certificates", 2 * len(ids)).format(n=2 * len(ids)))
        return self._certificates(ids, "certificates.pdf")

    def handouts(self):
        from westem_desktop.core.models import Programme
        from westem_desktop.documents.handouts import write_handouts
        from westem_desktop.ui.dialogs.pdf_preview import PdfPreview

        with self.db.session() as session:
            name = session.get_one(Programme, self.programme_id).name

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
        """One PDF per person for every closed pair (with progress for long batches)."""
        from PySide6.QtWidgets import QApplication, QProgressDialog

        from westem_desktop.core import agreements
        from westem_desktop.documents.certificate import write_certificate_files

        with self.db.session() as session:
            ids = agreements.closed_pairs(session, self.programme_id)
            docs = agreements.certificate_documents(session, ids, language)
        progress = QProgressDialog(_("Writing certificates…"), _("Cancel"), 0, len(docs), self)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> bool:
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            written = write_certificate_files(docs, language, folder, step)
        finally:
            progress.close()
        issued = {(doc.match_id, doc.participant_id) for doc in docs[: len(written)]}
        done = [d for d in docs if (d.match_id, d.participant_id) in issued]
        self.actions.run(
            lambda session: agreements.record_certificates(session, done, language), Change.AGREEMENTS, self
        )
        return written
