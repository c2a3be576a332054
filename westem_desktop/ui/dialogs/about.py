"""Help ▸ About: what the application is, its version and licence, and the third-party notices."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from westem_desktop import APP_NAME, __version__, paths
from westem_desktop.i18n import _
from westem_desktop.ui.widgets.screen import resize_within_screen

NOTICES = "licenses/THIRD-PARTY-NOTICES.txt"


def about_text() -> str:
    return "<h3>{name} {version}</h3><p>{what}</p><p>{licence}</p><p>{built}</p>".format(
        name=APP_NAME,
        version=__version__,
        what=_(
            "Run a peer-mentoring scheme for women in STEM: register mentors and mentees, match them, "
            "follow every pair through the mentoring cycle, print agreements and certificates."
        ),
        licence=_(
            "Free software under the GNU General Public License, version 3 or later: you may use, study, share "
            "and change it. It comes with no warranty. The full text is in the file LICENSE that comes with "
            "the application."
        ),
        built=_("Made with Python {python}, Qt {qt} and Qt for Python {pyside}.").format(
            python=platform.python_version(), qt=qVersion(), pyside=pyside_version
        ),
    )


def notices_text() -> str:
    path = paths.resources_dir() / NOTICES
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return _("The third-party notices are missing from this installation ({path}).").format(path=path)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About WESTEM Desktop"))
        resize_within_screen(self, 720, 560)
        self.tabs = QTabWidget(self)
        about = QLabel(about_text(), self)
        about.setObjectName("aboutText")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setContentsMargins(12, 12, 12, 12)
        about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(about, _("About"))
        notices = QWidget(self)
        intro = QLabel(
            _(
                "WESTEM Desktop is built on the free software below. Each keeps its own licence; the licence "
                "texts are legal documents and are shown in their original English."
            ),
            notices,
        )
        intro.setWordWrap(True)
        self.notices = QPlainTextEdit(notices)
        self.notices.setObjectName("thirdPartyNotices")
        self.notices.setReadOnly(True)
        # A cursor the arrows move: the focus is seen, and the text is read and selected by keyboard.
        self.notices.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.notices.setAccessibleName(_("Third-party software"))
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setPlainText(notices_text())
        layout = QVBoxLayout(notices)
        layout.addWidget(intro)
        layout.addWidget(self.notices, 1)
        self.tabs.addTab(notices, _("Third-party software"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(self.tabs, 1)
        main.addWidget(buttons)


def show_about(parent: QWidget) -> None:
    AboutDialog(parent).exec()
