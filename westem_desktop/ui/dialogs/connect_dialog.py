"""File ▸ Connect to a server…: the address of a database on a PostgreSQL server, and its password when
the server wants one and libpq does not have it (``PGPASSWORD`` or its password file).

The dialog opens the database itself (through ``open_server``), so that a refusal is shown in it, beside
what was typed, and the window keeps the database it has. The last server's address (never a password)
is remembered in the application's settings under ``server``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.errors import WestemError
from westem_desktop.core.server_address import DEFAULT_PORT, ServerAddress, libpq_has_password, password_file
from westem_desktop.i18n import _
from westem_desktop.ui.widgets.forms import error_label

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.settings import Settings

OpenServer = Callable[[str, "str | None"], "Database"]
"""``open_server(url, password)``: the open database, or a ``WestemError`` saying why not."""

SETTING = "server"


def remembered(settings: Settings) -> ServerAddress | None:
    """The last server connected to, as remembered (a damaged or hand-edited setting counts as none)."""
    value = settings.get(SETTING)
    if not isinstance(value, dict):
        return None
    text = {key: value.get(key) if isinstance(value.get(key), str) else "" for key in ("host", "database", "user")}
    port = value.get("port")
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        port = DEFAULT_PORT
    return ServerAddress(**text, port=port, require_tls=value.get("require_tls") is True)


def remember(settings: Settings, address: ServerAddress) -> None:
    """Keep ``address`` for the next time: host, port, database, user and the TLS choice, no password."""
    settings.set(
        SETTING,
        {
            "host": address.host,
            "port": address.port,
            "database": address.database,
            "user": address.user,
            "require_tls": address.require_tls,
        },
    )


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return chain


def needs_password(exc: BaseException) -> bool:
    """Whether the server refused because it wants a password and none was given (libpq's own answer)."""
    for cause in _causes(exc):
        if getattr(cause, "needs_password", False) is True:
            return True
        pgconn = getattr(cause, "pgconn", None)
        if pgconn is not None and getattr(pgconn, "needs_password", False):
            return True
    return False


def wrong_password(exc: BaseException) -> bool:
    """Whether the server refused the password given."""
    for cause in _causes(exc):
        if getattr(cause, "wrong_password", False) is True:
            return True
        if "password authentication failed" in str(cause):
            return True
    return False


def refusal(exc: BaseException, address: ServerAddress) -> str:
    """What to say when ``exc`` refused the connection to ``address``."""
    if needs_password(exc):
        return _("The server asks for the password of {user}: type it and connect again.").format(user=address.login())
    if isinstance(exc, WestemError):
        return str(exc)
    return _("The server {server} could not be reached: {reason}").format(server=address.describe(), reason=exc)


class ConnectDialog(QDialog):
    """The address and the password; ``database`` is the database opened once Connect succeeded."""

    def __init__(self, settings: Settings, open_server: OpenServer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(_("Connect to a server"))
        self.settings = settings
        self._open_server = open_server
        self.database: Database | None = None

        intro = QLabel(
            _(
                "Work on a database of WESTEM Desktop on your faculty’s PostgreSQL server. Your IT office "
                "gives you its address, your user name and a password."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.host = QLineEdit(self)
        self.host.setObjectName("host")
        self.host.setPlaceholderText("db.faculty.example")
        self.port = QSpinBox(self)
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setGroupSeparatorShown(False)
        self.port.setValue(DEFAULT_PORT)
        self.database_name = QLineEdit(self)
        self.database_name.setObjectName("database")
        self.user = QLineEdit(self)
        self.user.setObjectName("user")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel(self)
        self.password_note.setObjectName("passwordFromFile")
        self.password_note.setWordWrap(True)
        self.require_tls = QCheckBox(_("Require an &encrypted connection"), self)
        self.require_tls.setObjectName("requireTls")
        self.require_tls.setToolTip(
            _("Otherwise the connection is encrypted when the server offers it, as libpq does by default.")
        )

        self.form = QFormLayout()
        self.form.addRow(_("&Server"), self.host)
        self.form.addRow(_("P&ort"), self.port)
        self.form.addRow(_("&Database"), self.database_name)
        self.form.addRow(_("&User name"), self.user)
        self.form.addRow(_("Pass&word"), self.password)
        self.form.addRow("", self.password_note)
        self.form.addRow("", self.require_tls)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = self.buttons.addButton(_("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connect")
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self.connect_to_server)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

        last = remembered(settings)
        if last is not None:
            self.set_address(last)
        else:
            self.user.setText(ServerAddress("", "").login())
        for field in (self.host, self.database_name, self.user):
            field.textChanged.connect(self._update_password_row)
        self.port.valueChanged.connect(self._update_password_row)
        self._update_password_row()
        first = next((f for f in (self.host, self.database_name, self.user) if not f.text()), self.password)
        (first if first.isVisibleTo(self) else self.host).setFocus()

    def set_address(self, address: ServerAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database_name.setText(address.database)
        self.user.setText(address.user)
        self.require_tls.setChecked(address.require_tls)

    def address(self) -> ServerAddress:
        return ServerAddress(
            host=self.host.text().strip(),
            database=self.database_name.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            require_tls=self.require_tls.isChecked(),
        )

    def _update_password_row(self) -> None:
        """No password field when libpq has the password for this address (it reads it itself)."""
        known = libpq_has_password(self.address())
        self.form.setRowVisible(self.password, not known)
        self.form.setRowVisible(self.password_note, known)
        if known:
            self.password.clear()
            self.password_note.setText(
                _("The password comes from your password file ({file}); none is asked.").format(file=password_file())
            )

    def show_error(self, message: str, field: QWidget | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        if field is not None and field.isVisibleTo(self):
            field.setFocus()

    def connect_to_server(self) -> bool:
        """Connect: open the database with what was typed; on success remember the address and close, on a
        refusal say why and stay open with everything typed (a refused password is cleared)."""
        address = self.address()
        for field, value, message in (
            (self.host, address.host, _("Type the server’s name or address.")),
            (self.database_name, address.database, _("Type the name of the database on the server.")),
        ):
            if not value:
                self.show_error(message, field)
                return False
        password = self.password.text() if self.password.isVisibleTo(self) and self.password.text() else None
        from westem_desktop.ui.busy import busy

        try:
            with busy():
                database = self._open_server(address.url(), password)
        except Exception as exc:  # every refusal is said in the dialog, which stays open
            if not isinstance(exc, WestemError):
                logging.getLogger(__name__).warning("connecting to %s failed", address.describe(), exc_info=exc)
            if wrong_password(exc):
                self.password.clear()
            to = self.password if needs_password(exc) or wrong_password(exc) else None
            self.show_error(refusal(exc, address), to)
            return False
        self.database = database
        remember(self.settings, address)
        self.accept()
        return True


class PasswordPrompt(QDialog):
    """Asks for the password of ``address``'s user (the command line named a server that wants one);
    ``password()`` is what was typed."""

    def __init__(self, address: ServerAddress, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordPrompt")
        self.setWindowTitle(_("Connect to a server"))
        text = QLabel(
            _("The server {server} asks for the password of {user}.").format(
                server=address.describe(), user=address.login()
            ),
            self,
        )
        text.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("password")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("Pass&word"), self.field)
        self.error = error_label(self)
        if message:
            self.error.setText(message)
            self.error.show()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        confirm = buttons.addButton(_("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)
        self.field.setFocus()

    def password(self) -> str:
        return self.field.text()
