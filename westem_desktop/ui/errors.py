"""Unexpected errors: a dialog says what happened, with a button to copy the details; the application goes
on and the data stays as it was (every action is one transaction). Errors go to a rotating log file in
the data folder, with the traceback only: no names, e-mails or notes."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from westem_desktop import paths

log = logging.getLogger("westem_desktop")


class LogFile(logging.Handler):
    """``westem-desktop.log`` in the data folder, rotated at 500 kB (three old files kept), private to
    the user. Opened at the first record, so that start-up need not import logging.handlers."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            path = paths.ensure_private_dir(paths.data_dir()) / "westem-desktop.log"
            self._file = logging.handlers.RotatingFileHandler(path, maxBytes=512_000, backupCount=3, encoding="utf-8")
            self._file.setFormatter(self.formatter)
            paths.make_private(path)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging() -> logging.Handler:
    handler = LogFile()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def details(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """Where it happened (file, line, function) and the exception's type, but neither its message nor the
    source lines: a message may quote personal data."""
    frames = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in traceback.extract_tb(tb))
    return f"{frames}{kind.__module__}.{kind.__qualname__}"


def reason(exc: BaseException, target: Path | None = None) -> str:
    """What to tell the coordinator about ``exc``: for a full disk, a folder that may not be written or a
    SQLite error the one translated line of ``core.failures`` (naming ``target``), else the message."""
    from westem_desktop.core import failures

    return failures.explain(exc, target) if failures.expected(exc) else str(exc)


def show_error_dialog(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from westem_desktop.core import failures
    from westem_desktop.i18n import _

    text = details(kind, value, tb)
    if failures.expected(value):  # a full disk, a folder that may not be written: say so, no details needed
        log.warning("failed\n%s", text)
        QMessageBox.warning(QApplication.activeWindow(), _("Something went wrong"), failures.explain(value))
        return
    log.error("unexpected error\n%s", text)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Something went wrong"),
        _(
            "WESTEM Desktop met an unexpected error. Your data is as it was before the last action. "
            "If it happens again, copy the details and send them to the people who support the application."
        ),
    )
    box.setDetailedText(f"{value!r}\n\n{text}")
    copy = box.addButton(_("Copy the details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(box.detailedText()))
    box.exec()


def install_excepthook() -> None:
    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        try:
            show_error_dialog(kind, value, tb)
        except Exception:
            previous(kind, value, tb)

    sys.excepthook = hook
