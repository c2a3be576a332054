"""Start the graphical application: language, database, main window, first-start choice.

This module is on the window's start path (see the README): dialogs are imported where they are opened.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from westem_desktop import APP_NAME, DESKTOP_ID, __version__, paths
from westem_desktop.core.db import Database, open_database
from westem_desktop.core.errors import DatabaseBusyError, DatabaseError, NotADatabaseError
from westem_desktop.core.settings import Settings, interface_language
from westem_desktop.i18n import _
from westem_desktop.ui.language import LanguageSwitcher
from westem_desktop.ui.main_window import MainWindow
from westem_desktop.ui.widgets.focus import install_focus_style


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    install_focus_style(app)  # the focus on a default button is seen
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_ID)
    icon = paths.resources_dir() / "icons" / "westem-desktop.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def open_with_dialogs(path: Path | str, backup_folder: Path | None = None) -> Database | None:
    """Open ``path``; when it cannot be used, say why and let the coordinator pick another file, or,
    when the file is damaged, restore its newest good backup (the damaged file is kept aside). A
    database on a server (a ``postgresql://`` URL) that cannot be used: the reason, and the window stays
    closed."""
    while True:
        try:
            return open_database(path)
        except DatabaseError as exc:
            from PySide6.QtWidgets import QFileDialog, QMessageBox

            if isinstance(path, str):
                QMessageBox.warning(None, _("The database could not be opened"), str(exc))
                return None

            good = None
            if isinstance(exc, NotADatabaseError):
                from westem_desktop.core.backup import newest_good_backup

                good = newest_good_backup(path, backup_folder)
            box = QMessageBox(QMessageBox.Icon.Warning, _("The database could not be opened"), str(exc))
            if isinstance(exc, DatabaseBusyError):  # in use is not damaged: try again, never restore
                retry = box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
                box.addButton(QMessageBox.StandardButton.Close)
                box.exec()
                if box.clickedButton() is retry:
                    continue
                return None
            restore = None
            if good is not None:
                from westem_desktop.ui.formatting import short_datetime

                restore = box.addButton(
                    _("Restore the backup of {date}").format(date=short_datetime(good.taken)),
                    QMessageBox.ButtonRole.AcceptRole,
                )
                box.setInformativeText(
                    _("The damaged file is kept beside it under another name, never overwritten or deleted.")
                )
            other = box.addButton(_("Open another database…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if restore is not None and box.clickedButton() is restore:
                from westem_desktop.core.backup import restore as restore_backup

                try:
                    restore_backup(good.path, path, backup_folder)
                except (ValueError, OSError, DatabaseError) as error:
                    from westem_desktop.ui.errors import reason

                    QMessageBox.warning(None, _("Restore a backup"), reason(error, path))
                continue
            if box.clickedButton() is not other:
                return None
            chosen, _filter = QFileDialog.getOpenFileName(None, _("Open database"), str(path.parent))
            if not chosen:
                return None
            path = Path(chosen)


def open_server_with_dialogs(url: str, settings: Settings) -> Database | None:
    """Open the database on the server at ``url`` (the command line's ``--db``); when the server wants a
    password that libpq does not have, ask for it (again while it is refused). Any other refusal is said
    in the Connect dialog, which offers to correct the address. None when the coordinator gives up."""
    from westem_desktop.core.server_address import parse_url
    from westem_desktop.ui.dialogs.connect_dialog import (
        ConnectDialog,
        PasswordPrompt,
        needs_password,
        refusal,
        wrong_password,
    )

    address = parse_url(url)
    password: str | None = None
    while True:
        try:
            return open_database(url, password=password)  # type: ignore[call-arg]
        except Exception as exc:  # every refusal is said, in a dialog
            if needs_password(exc) or (password is not None and wrong_password(exc)):
                prompt = PasswordPrompt(address, refusal(exc, address) if password is not None else "")
                if not prompt.exec():
                    return None
                password = prompt.password()
                continue
            dialog = ConnectDialog(settings, lambda target, secret: open_database(target, password=secret))  # type: ignore[call-arg]
            dialog.set_address(address)
            dialog.show_error(refusal(exc, address))
            return dialog.database if dialog.exec() else None


def first_start(window: MainWindow) -> None:
    """Offer to create a programme or open the demo when the database has none."""
    if window.programme_combo.count() or window.db.read_only:  # nothing can be created in a read-only file
        return
    from westem_desktop.ui.dialogs.first_start import FirstStartChoice, FirstStartDialog

    dialog = FirstStartDialog(window)
    dialog.exec()
    if dialog.choice is FirstStartChoice.CREATE:
        window.new_programme()
    elif dialog.choice is FirstStartChoice.DEMO:
        from westem_desktop.core.demo import create_demo
        from westem_desktop.ui.actions import Change

        demo = window.actions.run(lambda session: create_demo(session).id, Change.PROGRAMMES, window)
        if demo:
            window.show_programme(demo.value)


def connect_language_menu(window: MainWindow, switcher: LanguageSwitcher, settings: Settings) -> None:
    """The Language menu switches the running application and the choice is remembered."""

    def change_language(code: str) -> None:
        settings.set("language", switcher.apply(code))

    window.languageRequested.connect(change_language)


def run(
    db_path: Path | str | None = None,
    language: str | None = None,
    ready: Callable[[MainWindow], None] | None = None,
) -> int:
    """Run the application until the main window closes; ``ready`` is called once it is shown and idle."""
    app = create_application()
    from westem_desktop.ui.errors import install_excepthook, setup_logging

    setup_logging()
    install_excepthook()
    settings = Settings()
    switcher = LanguageSwitcher(app)
    switcher.apply(interface_language(settings, language))
    if isinstance(db_path, str) and db_path.startswith(("postgresql://", "postgres://")):
        database = open_server_with_dialogs(db_path, settings)
    else:
        if db_path is None:
            remembered = settings.text("database")
            db_path = Path(remembered) if remembered and Path(remembered).exists() else paths.default_database()
        db_path = Path(db_path)
        if db_path == paths.default_database():
            paths.ensure_private_dir(db_path.parent)
        folder = settings.text("backup_folder")
        database = open_with_dialogs(db_path, Path(folder) if folder else None)
    if database is None:
        return 1
    window = MainWindow(database, settings)
    connect_language_menu(window, switcher, settings)
    window.show()
    if not gc.isenabled():
        # The entry turned the collector off for the start-up (cli.open_window). What was made so far
        # lives as long as the application, so it is also kept out of every later collection.
        gc.freeze()
        gc.enable()
    if ready is not None:
        QTimer.singleShot(0, lambda: ready(window))
    else:
        QTimer.singleShot(0, lambda: first_start(window))
        QTimer.singleShot(200, window.start_maintenance)
    try:
        return app.exec()
    finally:
        window.db.close()
