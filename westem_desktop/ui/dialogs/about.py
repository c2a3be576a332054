"""Help ▸ About: what the application is, its version and licence."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from westem_desktop import APP_NAME, __version__
from westem_desktop.i18n import _


def about_text() -> str:
    return "<h3>{name} {version}</h3><p>{what}</p><p>{licence}</p>".format(
        name=APP_NAME,
        version=__version__,
        what=_(
            "Run a peer-mentoring scheme for women in STEM: register mentors and mentees, match them, "
            "follow every pair through the mentoring cycle, print agreements and certificates."
        ),
        licence=_("Free software under the GNU General Public License, version 3 or later."),
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, _("About WESTEM Desktop"), about_text())
