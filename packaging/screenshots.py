"""Screenshots of every tab and every dialog, in the four languages, on laptop-sized screens, for review.

    python packaging/screenshots.py OUTDIR [--scale 2] [--languages en,sv] [--sizes 1366x768] [--only tab-cycle]

Each screen size runs in a subprocess of its own, under Qt's offscreen platform with a screen of exactly
that size (the platform's ``configfile`` option), so the window and the dialogs are laid out as on a
laptop: Qt bounds a dialog's first size by the screen it opens on. ``--scale 2`` adds the same at 200%
(``QT_SCALE_FACTOR=2`` on a screen of twice the pixels, so that the logical size is the same). The main
window is built over a demo programme (``core/demo.py``), each tab is brought to the front in turn, and
every dialog is opened through the window's own methods, ``exec()`` being replaced by a grab. The PNGs
go to ``OUTDIR/<size>[@2x]/<language>/NN-<place>.png``, listed with their logical sizes in
``OUTDIR/<size>[@2x]/index.json``.

``walk()`` is also what ``tests/ui/test_fit.py`` walks.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "sv", "nb", "nl")
SIZES = ((1366, 768), (1280, 720))
TABS = ("participants", "matches", "cycle", "agreements", "evaluations")

# A place: its name, and the widget the walk shows (the main window or a dialog).
Visit = Callable[[str, object], None]


def screen_platform(folder: Path, width: int, height: int, scale: int = 1) -> str:
    """The ``QT_QPA_PLATFORM`` value for an offscreen screen of ``width``×``height`` logical pixels."""
    config = {
        "synthesizedHighDpi": False,
        "screens": [
            {
                "name": f"laptop-{width}x{height}",
                "x": 0,
                "y": 0,
                "width": width * scale,
                "height": height * scale,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ],
    }
    path = folder / f"screen-{width}x{height}@{scale}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return f"offscreen:configfile={path}"


def environment(folder: Path, width: int, height: int, scale: int = 1) -> dict[str, str]:
    """The environment of a subprocess that sees one laptop screen (and private settings and data)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = screen_platform(folder, width, height, scale)
    env.pop("QT_SCALE_FACTOR", None)
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    for kind in ("data", "config", "cache"):
        env[f"WESTEM_DESKTOP_{kind.upper()}_DIR"] = str(folder / kind)
    env.pop("LANGUAGE", None)
    return env


def _select_first(view) -> None:
    from PySide6.QtWidgets import QApplication

    view.selectRow(0)
    QApplication.processEvents()


def _dialog_steps(window, folder: Path) -> list[tuple[str, Callable[[], object]]]:
    """Every dialog the application opens, each opened the way the application opens it."""
    from westem_desktop.core.agreements import Resigning
    from westem_desktop.core.server_address import ServerAddress
    from westem_desktop.ui import errors
    from westem_desktop.ui.dialogs.connect_dialog import PasswordPrompt
    from westem_desktop.ui.dialogs.first_start import FirstStartDialog
    from westem_desktop.ui.dialogs.reenrol import reenrol
    from westem_desktop.ui.dialogs.templates_dialog import TemplatesDialog

    participants, matches, cycle, agreements, evaluations = window.pages

    def on_tab(index: int, view) -> None:
        window.tabs.setCurrentIndex(index)
        _select_first(view)

    return [
        ("programme-new", window.new_programme),
        ("programme-edit", window.edit_programme),
        ("about", window.show_about),
        ("restore-backup", window.restore_backup),
        ("connect", window.connect_to_server),
        ("password-prompt", lambda: PasswordPrompt(ServerAddress("db.faculty.example", "westem", "anna")).exec()),
        ("first-start", lambda: FirstStartDialog(window).exec()),
        ("participant-new", lambda: (on_tab(0, participants.view), participants.add_participant())),
        ("participant-edit", lambda: (on_tab(0, participants.view), participants.edit_selected())),
        ("import", participants.import_participants),
        ("reenrol", lambda: reenrol(window.actions, participants.selected_ids()[0], "Anna", window)),
        ("first-contact", lambda: (on_tab(1, matches.pairs_view), matches.first_contact())),
        ("end-pair", lambda: (on_tab(1, matches.pairs_view), matches.end_selected())),
        ("suggestions", matches.suggest_pairs),
        ("requests", matches.open_requests),
        ("letters", lambda: (on_tab(1, matches.pairs_view), matches.write_introductions())),
        ("letter-templates", lambda: TemplatesDialog(window.actions, window.programme_id, window).exec()),
        ("history", lambda: _history(window)),
        ("mentor-register", lambda: _register(window)),
        ("plan", lambda: (on_tab(2, cycle.view), cycle.apply_plan())),
        ("meeting-new", lambda: (on_tab(2, cycle.view), cycle.detail._meeting(True))),
        ("meeting-edit", lambda: (on_tab(2, cycle.view), cycle.detail._meeting(False))),
        ("agreement-preview", lambda: (on_tab(3, agreements.view), agreements.preview_version(1))),
        ("certificates", agreements.all_certificates),
        ("handouts", agreements.handouts),
        ("resigning", lambda: agreements.confirm_resigning(Resigning(1, dt.date(2026, 10, 1), 2))),
        ("paper-forms", evaluations.paper_forms),
        ("error", lambda: errors.show_error_dialog(RuntimeError, RuntimeError("boom"), None)),
        ("open-busy", lambda: _open_busy(folder)),
        ("open-damaged", lambda: _open_damaged(folder)),
    ]


def _history(window) -> None:
    """The history of a pair as a server keeps it (the walk runs on a file, which keeps none)."""
    from westem_desktop.core.server.audit import Change
    from westem_desktop.ui.dialogs.history_dialog import HistoryDialog

    when = dt.datetime(2026, 11, 2, 14, 32, tzinfo=dt.UTC)
    changes = [
        Change(when - dt.timedelta(days=n), role, table, n + 1, action)
        for n, (role, table, action) in enumerate(
            [
                ("k_lindqvist", "meeting", "insert"),
                ("k_lindqvist", "agreement_goal", "update"),
                ("a_haugen", "evaluation_answer", "delete"),
                ("k_lindqvist", "checklist_tick", "insert"),
                ("faculty_office", "match", "update"),
                ("k_lindqvist", "match", "insert"),
            ]
        )
    ]
    HistoryDialog("Anna Berg och Maria Lind", changes, window).exec()


def _register(window) -> None:
    """A server's mentor register (the walk runs on a file, which has none)."""
    from westem_desktop.core.server.register import RegisteredMentor
    from westem_desktop.ui.dialogs.register_dialog import RegisterDialog

    mentors = [
        RegisteredMentor(
            1, "Fysik 2026/27", "Eva Sandström", "eva.sandstrom@example.org", "", ["natural_science"], ["sv", "en"], 2
        ),
        RegisteredMentor(
            2,
            "Kemi 2026/27",
            "Kari Nordmann",
            "kari.nordmann@example.org",
            "",
            ["natural_science", "engineering"],
            ["nb", "en"],
            1,
        ),
        RegisteredMentor(
            3,
            "ICT 2026/27",
            "Lotte de Vries",
            "lotte.devries@example.org",
            "",
            ["ict", "mathematics"],
            ["nl", "en", "de"],
            3,
        ),
    ]
    RegisterDialog(mentors, window).exec()


def _open_busy(folder: Path) -> None:
    from westem_desktop.core.errors import DatabaseBusyError
    from westem_desktop.ui import app

    def refuse(path: Path, **_kwargs):
        raise DatabaseBusyError(path)

    with mock.patch.object(app, "open_database", refuse):
        app.open_with_dialogs(folder / "busy.sqlite")


def _open_damaged(folder: Path) -> None:
    from westem_desktop.core.backup import BackupInfo
    from westem_desktop.ui import app

    damaged = folder / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    good = BackupInfo(folder / "good.sqlite", dt.datetime(2026, 11, 1, 9, 30), 1000, 1, 10)
    with mock.patch("westem_desktop.core.backup.newest_good_backup", lambda *a: good):
        app.open_with_dialogs(damaged)


@contextlib.contextmanager
def _dialogs_shown(on_dialog: Callable[[object], None]) -> Iterator[None]:
    """While inside, every dialog the application runs is shown, handed to ``on_dialog`` and answered
    Cancel; Qt's file and print dialogs answer nothing, the plain question boxes answer No."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    def run(dialog) -> int:
        on_dialog(dialog)
        return 0

    no = staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(QDialog, "exec", run))
        stack.enter_context(mock.patch.object(QMessageBox, "exec", run))
        stack.enter_context(mock.patch.object(QPrintDialog, "exec", lambda self: 0))
        for name in ("question", "warning", "information", "critical"):
            stack.enter_context(mock.patch.object(QMessageBox, name, no))
        for name in ("getSaveFileName", "getOpenFileName"):
            stack.enter_context(mock.patch.object(QFileDialog, name, staticmethod(lambda *a, **k: ("", ""))))
        stack.enter_context(mock.patch.object(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: "")))
        yield


def build_window(folder: Path, language: str):
    """A main window over a fresh demo programme in ``folder``, in ``language``, shown at its own size."""
    from PySide6.QtWidgets import QApplication

    from westem_desktop.core.db import open_database
    from westem_desktop.core.demo import create_demo
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.main_window import MainWindow

    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / "demo.sqlite")
    with db.session() as session:
        programme = create_demo(session, participants=40, seed=2, today=dt.date.today()).id
    window = MainWindow(db, Settings(folder / "settings.json"))
    window.load_programmes(programme)
    window.show()
    QApplication.processEvents()
    return window


def quiet_qt() -> None:
    """Leave out the offscreen platform's notice that it keeps no window-manager hints."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def ready(dialog) -> None:
    """Wait until a dialog that prepares its content in a worker (the letters' drafts) shows it."""
    import time

    from PySide6.QtWidgets import QApplication

    computing = getattr(dialog, "computing", None)
    deadline = time.monotonic() + 60
    while callable(computing) and computing() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    """Let the layouts settle as they do before the next frame (a resize may queue another)."""
    from PySide6.QtWidgets import QApplication

    for _round in range(3):
        QApplication.processEvents()


def walk(folder: Path, language: str, visit: Visit, wanted: Callable[[str], bool] = lambda name: True) -> None:
    """Build the window in ``language`` and hand each place to ``visit``: the window with each tab in
    front (``tab-<name>``), then each dialog (``<step>``, ``<step>-2``… when a step opens several)."""
    from PySide6.QtWidgets import QApplication

    from westem_desktop.ui.language import LanguageSwitcher

    LanguageSwitcher(QApplication.instance()).apply(language)
    window = build_window(folder / language, language)
    try:
        for index, name in enumerate(TABS):
            window.tabs.setCurrentIndex(index)
            settle()
            if wanted(f"tab-{name}"):
                visit(f"tab-{name}", window)
        for step, action in _dialog_steps(window, folder / language):
            if not wanted(step):
                continue
            seen: list[object] = []

            def on_dialog(dialog, step=step, seen=seen) -> None:
                seen.append(dialog)
                dialog.show()
                ready(dialog)
                settle()
                visit(step if len(seen) == 1 else f"{step}-{len(seen)}", dialog)
                dialog.hide()

            with _dialogs_shown(on_dialog):
                action()
            QApplication.processEvents()
    finally:
        window.close()
        window.db.close()
        window.deleteLater()
        QApplication.processEvents()


def shoot(out: Path, languages: list[str], wanted: Callable[[str], bool], scale: int) -> list[dict]:
    """In this process (whose screen is set by the caller): write the PNGs, return what was written."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    quiet_qt()
    screen = app.primaryScreen().availableGeometry()
    written: list[dict] = []
    with tempfile.TemporaryDirectory() as temporary:
        for language in languages:
            (out / language).mkdir(parents=True, exist_ok=True)

            def visit(place: str, widget, language=language) -> None:
                rendered(widget)
                number = sum(entry["language"] == language for entry in written) + 1
                path = out / language / f"{number:02d}-{place}.png"
                if not widget.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(
                    {
                        "file": str(path.relative_to(out)),
                        "language": language,
                        "place": place,
                        "widget": type(widget).__name__,
                        "width": widget.width(),
                        "height": widget.height(),
                        "scale": scale,
                        "screen": [screen.width(), screen.height()],
                    }
                )

            walk(Path(temporary), language, visit, wanted)
    (out / "index.json").write_text(json.dumps(written, indent=1, ensure_ascii=False), encoding="utf-8")
    return written


def rendered(widget, seconds: float = 1.5) -> None:
    """Give a PDF preview the time to draw its pages (its renderer answers later, more so at 200%): a
    screenshot taken at once shows white pages."""
    import time

    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtWidgets import QApplication

    if not widget.findChildren(QPdfView):
        return
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _wanted(only: list[str]) -> Callable[[str], bool]:
    return (lambda name: any(part == name for part in only)) if only else (lambda name: True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", type=int, choices=(1, 2), default=None, help="only this scale (default: 1 and 2)")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--only", action="append", default=[], help="a place: tab-cycle, programme-new… (repeat)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    languages = [code for code in args.languages.split(",") if code]
    if args.worker:  # the screen is already the one asked for
        shoot(args.outdir, languages, _wanted(args.only), args.scale or 1)
        return 0
    sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",") if size]
    # At 100% every size; the 200% set is the first size (twice its pixels, the same logical size).
    runs = [(w, h, 1) for w, h in sizes] if args.scale in (None, 1) else []
    runs += [(*sizes[0], 2)] if args.scale in (None, 2) else []
    failed = 0
    with tempfile.TemporaryDirectory() as temporary:
        for width, height, scale in runs:
            out = args.outdir / (f"{width}x{height}" + ("@2x" if scale == 2 else ""))
            command = [sys.executable, str(Path(__file__).resolve()), str(out), "--worker", "--scale", str(scale)]
            command += ["--languages", ",".join(languages)] + [f"--only={place}" for place in args.only]
            folder = Path(temporary) / f"{width}x{height}@{scale}"
            folder.mkdir()
            done = subprocess.run(command, env=environment(folder, width, height, scale), check=False)
            failed += done.returncode != 0
            print(f"{out}: {'failed' if done.returncode else 'written'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
