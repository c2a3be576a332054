"""File ▸ Connect to a server…: the dialog by keyboard alone, the URL it makes, the password never kept,
refusals said in the dialog (which keeps what was typed), and the window on a server (its status bar, the
file's own actions disabled)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from westem_desktop.core.errors import WestemError
from westem_desktop.core.server_address import ServerAddress
from westem_desktop.ui.dialogs.connect_dialog import ConnectDialog

SERVER_URL = "postgresql://anna@db.faculty.example:5432/westem"


@pytest.fixture(autouse=True)
def no_password_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))


class Opener:
    """Stands for ``open_database(url, password=…)``: records each call; refuses with ``refusal`` if set."""

    def __init__(self, result: object = None, refusal: BaseException | None = None) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.result, self.refusal = result, refusal

    def __call__(self, url: str, password: str | None):
        self.calls.append((url, password))
        if self.refusal is not None:
            raise self.refusal
        return self.result or object()


def focused() -> object:
    return QApplication.focusWidget()


def shown(qtbot, dialog: ConnectDialog) -> ConnectDialog:
    """``dialog`` on screen and active, as the window's exec() shows it."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_text(widget, text: str) -> None:
    """Key presses typing ``text`` (QTest's keyClicks knows ASCII only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def type_into_focus(qtbot, text: str) -> None:
    widget = focused()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # what was there is replaced
    type_text(widget, text)


def test_the_dialog_by_keyboard_alone(qtbot, settings) -> None:
    opener = Opener()
    dialog = shown(qtbot, ConnectDialog(settings, opener))
    assert focused() is dialog.host
    typed = ["db.faculty.example", "6543", "mentoring é/2026", "Åsa@faculty"]
    for index, text in enumerate(typed):
        type_into_focus(qtbot, text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is [dialog.port, dialog.database_name, dialog.user, dialog.password][index]
    qtbot.keyClicks(dialog.password, "s3cret:@/")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.require_tls
    qtbot.keyClick(dialog.require_tls, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.require_tls, Qt.Key.Key_Return)  # the default button: Connect
    assert opener.calls == [
        (
            "postgresql://%C3%85sa%40faculty@db.faculty.example:6543/mentoring%20%C3%A9%2F2026?sslmode=require",
            "s3cret:@/",
        )
    ]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_every_field_has_its_label_and_mnemonic(qtbot, settings) -> None:
    dialog = shown(qtbot, ConnectDialog(settings, Opener()))
    buddies = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    assert buddies == {
        dialog.host: "&Server",
        dialog.port: "P&ort",
        dialog.database_name: "&Database",
        dialog.user: "&User name",
        dialog.password: "Pass&word",
    }
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.password


def test_the_address_is_remembered_and_the_password_never(qtbot, settings) -> None:
    dialog = ConnectDialog(settings, Opener())
    qtbot.addWidget(dialog)
    dialog.set_address(ServerAddress("db.faculty.example", "westem", "anna", port=5433))
    dialog.password.setText("never-kept-4711")
    assert dialog.connect_to_server()
    stored = settings.path.read_text(encoding="utf-8")
    assert "never-kept-4711" not in stored
    assert json.loads(stored)["server"] == {
        "host": "db.faculty.example",
        "port": 5433,
        "database": "westem",
        "user": "anna",
        "require_tls": False,
    }
    again = ConnectDialog(type(settings)(settings.path), Opener())  # the settings as read back from the file
    qtbot.addWidget(again)
    assert again.address() == ServerAddress("db.faculty.example", "westem", "anna", port=5433)
    assert again.password.text() == ""


def test_no_password_is_asked_when_the_password_file_has_it(qtbot, settings, tmp_path, monkeypatch) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("db.faculty.example:5432:westem:anna:secret\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    opener = Opener()
    dialog = ConnectDialog(settings, opener)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_address(ServerAddress("db.faculty.example", "westem", "anna"))
    assert not dialog.password.isVisible()
    assert dialog.password_note.isVisible() and str(pgpass) in dialog.password_note.text()
    dialog.user.setText("bob")  # another user: the file has none for him
    assert dialog.password.isVisible()
    dialog.user.setText("anna")
    assert dialog.connect_to_server()
    assert opener.calls == [("postgresql://anna@db.faculty.example:5432/westem", None)]


def test_a_refusal_is_said_in_the_dialog_which_keeps_what_was_typed(qtbot, settings) -> None:
    opener = Opener(refusal=WestemError("The database “westem” does not exist on db.faculty.example."))
    dialog = ConnectDialog(settings, opener)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_address(ServerAddress("db.faculty.example", "westem", "anna"))
    dialog.password.setText("pw")
    assert not dialog.connect_to_server()
    assert dialog.isVisible() and dialog.database is None
    assert dialog.error.isVisible() and "does not exist" in dialog.error.text()
    assert (dialog.host.text(), dialog.database_name.text(), dialog.user.text()) == (
        "db.faculty.example",
        "westem",
        "anna",
    )
    assert dialog.password.text() == "pw"
    assert settings.get("server") is None  # nothing remembered of a refused server


def test_an_empty_server_or_database_is_refused_at_its_field(qtbot, settings) -> None:
    opener = Opener()
    dialog = shown(qtbot, ConnectDialog(settings, opener))
    assert not dialog.connect_to_server()
    assert "server’s name" in dialog.error.text() and focused() is dialog.host
    dialog.host.setText("db.faculty.example")
    assert not dialog.connect_to_server()
    assert "name of the database" in dialog.error.text() and focused() is dialog.database_name
    assert opener.calls == []


@pytest.fixture
def password_role(pg_server):
    """A database and a role that logs in over loopback with a password."""
    pg_server.create_database("connect_pw")
    with pg_server.admin() as conn:
        conn.execute("CREATE ROLE \"anna é\" LOGIN PASSWORD 'right'")
    yield ServerAddress("127.0.0.1", "connect_pw", "anna é", port=pg_server.port)
    pg_server.drop_database("connect_pw")
    with pg_server.admin() as conn:
        conn.execute('DROP ROLE "anna é"')


def psycopg_opener(url: str, password: str | None):
    """What the shared ``open_database`` does on a refusal: a ``WestemError`` raised from libpq's."""
    import psycopg

    try:
        return psycopg.connect(url, password=password, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise WestemError(f"The server refused: {exc}") from exc


def test_the_password_is_asked_when_the_server_wants_one(qtbot, settings, password_role) -> None:
    dialog = shown(qtbot, ConnectDialog(settings, psycopg_opener))
    dialog.set_address(password_role)
    assert not dialog.connect_to_server()
    assert "asks for the password of anna é" in dialog.error.text()
    assert focused() is dialog.password
    dialog.password.setText("wrong")
    assert not dialog.connect_to_server()
    assert "password authentication failed" in dialog.error.text()
    assert dialog.password.text() == "" and focused() is dialog.password
    dialog.password.setText("right")
    assert dialog.connect_to_server()
    dialog.database.close()
    assert "right" not in settings.path.read_text(encoding="utf-8")


# -- the window ------------------------------------------------------------------------------------


def test_the_window_works_on_the_server_it_connected_to(window, server_url, monkeypatch) -> None:
    """Through the dialog, on the suite's real server: the window works on it, says so in its status bar,
    keeps no password and disables what is a file's."""
    from westem_desktop.core.server_address import parse_url

    address = parse_url(server_url)

    def run(dialog: ConnectDialog) -> int:
        dialog.set_address(address)
        return int(dialog.connect_to_server())

    monkeypatch.setattr(ConnectDialog, "exec", run)
    before = window.db
    assert window.connect_to_server()
    assert window.db is not before and window.db.is_server and before._read is None  # the file was closed
    assert window.status_label.text() == f"Server: {address.describe()} as {address.login()}"
    assert address.login() == "westem_admin" and address.database in window.status_label.text()
    assert "password" not in window.settings.path.read_text(encoding="utf-8")
    for action in (window.act_backup, window.act_restore, window.act_backup_folder):
        assert not action.isEnabled()
        assert "server" in action.toolTip()
    assert window.act_connect.isEnabled() and window.act_open_db.isEnabled()
    window.db.close()


def test_a_refused_server_leaves_the_window_on_its_file(window, monkeypatch) -> None:
    from westem_desktop.ui import main_window

    def open_database(target, password=None):
        raise WestemError("The server db.faculty.example could not be reached.")

    monkeypatch.setattr(main_window, "open_database", open_database)
    monkeypatch.setattr(ConnectDialog, "exec", lambda dialog: int(dialog.connect_to_server()))
    before, status = window.db, window.status_label.text()
    assert not window.connect_to_server()
    assert window.db is before and window.status_label.text() == status
    assert window.act_backup.isEnabled()


def test_back_to_a_file_from_a_server(window, tmp_path, server_url) -> None:
    from westem_desktop.core.db import open_database

    window.switch_to(open_database(server_url))
    assert window.status_label.text().startswith("Server: ")
    assert window.switch_database(tmp_path / "again.sqlite")
    assert window.status_label.text() == "Database: again.sqlite"
    assert window.act_backup.isEnabled() and window.act_restore.isEnabled()
    assert "server" not in window.act_backup.toolTip()


# -- the command line ------------------------------------------------------------------------------


def test_db_url_on_the_command_line_stays_a_url() -> None:
    from westem_desktop.cli import window_options

    url = "postgresql://anna@db.faculty.example:5432/westem?sslmode=require"
    assert window_options(["--db", url]) == (url, None)
    assert window_options(["--db", "x.sqlite"]) == (Path("x.sqlite"), None)


def test_db_url_asks_the_password_until_the_server_takes_it(qtbot, settings, password_role, monkeypatch) -> None:
    from westem_desktop.ui import app
    from westem_desktop.ui.dialogs.connect_dialog import PasswordPrompt

    monkeypatch.setattr(app, "open_database", psycopg_opener)
    answers, prompts = ["wrong", "right"], []

    def answer(prompt: PasswordPrompt) -> int:
        prompts.append((prompt.error.text(), prompt.field.echoMode()))
        prompt.field.setText(answers.pop(0))
        return 1

    monkeypatch.setattr(PasswordPrompt, "exec", answer)
    connection = app.open_server_with_dialogs(password_role.url(), settings)
    assert connection is not None and connection.info.user == "anna é"
    connection.close()
    assert [text for text, _mode in prompts] == ["", prompts[1][0]]
    assert "password authentication failed" in prompts[1][0]
    assert {mode for _text, mode in prompts} == {QLineEdit.EchoMode.Password}
    assert settings.get("server") is None or "right" not in json.dumps(settings.get("server"))


def test_db_url_of_a_refusing_server_offers_the_connect_dialog(qtbot, settings, monkeypatch) -> None:
    from westem_desktop.ui import app

    def refuse(url, password=None):
        raise WestemError("The database “westem” does not exist on db.faculty.example.")

    monkeypatch.setattr(app, "open_database", refuse)
    seen = []

    def cancel(dialog: ConnectDialog) -> int:
        seen.append((dialog.address(), dialog.error.text()))
        return 0

    monkeypatch.setattr(ConnectDialog, "exec", cancel)
    assert app.open_server_with_dialogs(SERVER_URL, settings) is None
    assert seen == [
        (
            ServerAddress("db.faculty.example", "westem", "anna"),
            "The database “westem” does not exist on db.faculty.example.",
        )
    ]


def test_a_server_that_goes_away_is_said_and_no_longer_watched(window, qtbot, pg_server, pg_template) -> None:
    """The database on the server disappears under the window (restarted, dropped): the window says that
    others' changes are no longer shown, and stops listening, without an error."""
    from tests.pgserver import new_server_database
    from westem_desktop.core.db import open_database

    name, url = new_server_database(pg_server, pg_template)
    window.switch_to(open_database(url))
    assert window.server_changes.listener is not None
    pg_server.drop_database(name)  # WITH (FORCE): every connection to it is ended
    qtbot.waitUntil(lambda: window.server_changes.listener is None, timeout=5000)
    assert "The connection to the server was lost" in window.statusBar().currentMessage()
