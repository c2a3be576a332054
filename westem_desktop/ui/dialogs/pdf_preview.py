"""Preview a document inside the application (QtPdf), in the language chosen here, then print it through
the system's print dialog, save it, or open it in the system's PDF viewer."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.enums import LANGUAGES
from westem_desktop.core.io.files import write_private
from westem_desktop.core.labels import LANGUAGE_NAMES
from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.widgets.focus import show_focus
from westem_desktop.ui.widgets.screen import resize_within_screen

Render = Callable[[str], bytes]  # language → PDF bytes


class PdfPreview(QDialog):
    """``printed`` is True once the document went to a printer, a file or the viewer."""

    def __init__(self, title: str, file_name: str, render: Render, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        resize_within_screen(self, 760, 900)
        self._render, self._file_name = render, file_name
        self.printed = False
        self.data = b""
        self.language = QComboBox(self)
        self.language.setObjectName("documentLanguage")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(self.refresh)
        self.pages = QLabel(self)
        self.pages.setObjectName("pageCount")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        show_focus(self.view)  # with the focus the arrows and Page Down scroll the document
        self._buffer: QBuffer | None = None
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(_("&Save as…"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save_as)
        self.open_button = QPushButton(_("Open in the PDF &viewer"), self)
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.open_external)
        top = self._top = QHBoxLayout()
        language_label = QLabel(_("Language of the document"), self)
        language_label.setBuddy(self.language)
        top.addWidget(language_label)
        top.addWidget(self.language)
        top.addStretch(1)
        top.addWidget(self.pages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.refresh()

    def add_choice(self, text: str, name: str, changed: Callable[[bool], None]) -> QCheckBox:
        """A check box beside the language: ``changed(checked)`` is told first, then the document is
        rendered again (the render function reads what ``changed`` kept)."""
        box = QCheckBox(text, self)
        box.setObjectName(name)
        self._top.insertWidget(2, box)
        QWidget.setTabOrder(self.language, box)  # beside the language, before the document

        def toggled(checked: bool) -> None:
            changed(checked)
            self.refresh()

        box.toggled.connect(toggled)
        return box

    def current_language(self) -> str:
        return self.language.currentData()

    def refresh(self) -> None:
        """Render the document in the chosen language and show it."""
        self.data = self._render(self.current_language())
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        count = self.document.pageCount()
        self.pages.setText(ngettext("{n} page", "{n} pages", count).format(n=count))

    def save_to(self, path: Path) -> None:
        write_private(path, self.data)  # whole or not at all
        self.printed = True

    def save_as(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the document"), str(Path.home() / self._file_name), _("PDF document (*.pdf)")
        )
        if chosen:
            self.save_to(Path(chosen))

    def open_external(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="westem-"))
        path = folder / self._file_name
        self.save_to(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> None:
        """Draw every page on ``printer`` (a QPrinter or any paint device with newPage)."""
        from westem_desktop.ui.busy import busy

        with busy():
            painter = QPainter(printer)
            try:
                rect = painter.viewport()
                for page in range(self.document.pageCount()):
                    if page:
                        printer.newPage()
                    image = self.document.render(page, rect.size())
                    painter.drawImage(rect, image)
            finally:
                painter.end()
        self.printed = True
