"""Start-up with the stress database against a bare PySide6 QMainWindow, measured in the same run.

Each start is a fresh process (as a coordinator starts the application). Three moments are timed
from the parent's launch of the process: the window shown and the event loop idle (READY); the first
screen of Participants rows painted (PAINTED: the first paint of the table's viewport with rows in
it has finished); and every row loaded (LOADED: the tab no longer loading, its rows in the model).
A large register is read in a background thread after the window is shown, so the window alone is
not the start a coordinator sees: the target is on the first rows painted. The child then exits.
The application starts through its real entry (the command line's ``main``). Runs alternate between
the two programs; the fastest runs and the medians are compared.

The package is byte-compiled first, as an installed application is (pip compiles a wheel's modules,
PyInstaller ships .pyc files): with PYTHONDONTWRITEBYTECODE set, as on some machines, every start
would otherwise compile the application's sources again while PySide6's own come precompiled.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

TARGET_RATIO = 2.0
"""First Participants rows painted, against a bare window shown (issue 20)."""

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 720)
window.show()
QTimer.singleShot(0, lambda: (print("READY", time.thread_time(), flush=True), app.quit()))
app.exec()
"""

# The application's own entry, as `westem-desktop --db PATH --lang en` runs it. Once the window is
# shown, the child watches the Participants table: LOADED when the tab has stopped loading with rows in
# its model, PAINTED when the first paint of the table's viewport with rows in it has finished.
APP = """
import sys, time
from westem_desktop.cli import main
def ready(window):
    print("READY", time.thread_time(), flush=True)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    page = window.places[0].page()
    seen = set()
    def say(what):
        if what not in seen:
            seen.add(what)
            print(what, time.thread_time(), flush=True)
        if {"LOADED", "PAINTED"} <= seen:
            QApplication.quit()
    def check_loaded(*_args):
        if not getattr(page, "loading", False) and page.model.rowCount() > 0:
            say("LOADED")
    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and page.proxy.rowCount() > 0 and "PAINTED" not in seen:
                QTimer.singleShot(0, lambda: say("PAINTED"))  # after this paint has finished
            return False
    window._paint_watch = Painted()
    page.view.viewport().installEventFilter(window._paint_watch)
    page.model.modelReset.connect(check_loaded)
    page.model.rowsInserted.connect(check_loaded)
    if page.proxy.rowCount() > 0:  # read at once (a small register): shown with its rows
        say("PAINTED")
    check_loaded()
sys.exit(main(["--db", sys.argv[1], "--lang", "en"], ready=ready))
"""


class Started(NamedTuple):
    """Seconds from launch to each moment (``painted`` and ``loaded`` equal ``shown`` for the bare
    window), and the main thread's CPU seconds until the window was shown."""

    shown: float
    painted: float
    loaded: float
    cpu: float


def time_start(code: str, *args: str, env: dict[str, str]) -> Started:
    """Start ``code`` in a fresh interpreter and time the moments it reports (see ``Started``)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    moments: dict[str, float] = {}
    cpu = 0.0
    for line in process.stdout:
        what, _space, rest = line.partition(" ")
        if what in ("READY", "LOADED", "PAINTED"):
            moments[what] = time.perf_counter() - start
            if what == "READY":
                cpu = float(rest)
    process.wait(timeout=120)
    if "READY" not in moments:
        raise RuntimeError("the program ended without showing its window")
    shown = moments["READY"]
    return Started(shown, moments.get("PAINTED", shown), moments.get("LOADED", shown), cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import westem_desktop
    from westem_desktop.core.demo import create_demo_database

    compileall.compile_dir(Path(westem_desktop.__file__).parent, quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        for kind in ("DATA", "CONFIG", "CACHE"):
            env[f"WESTEM_DESKTOP_{kind}_DIR"] = str(Path(tmp) / kind.lower())
        db = Path(tmp) / "stress.sqlite"
        t0 = time.perf_counter()
        create_demo_database(db, participants=args.participants, seed=1)
        print(
            f"demo database: {args.participants} participants in {time.perf_counter() - t0:.1f} s, "
            f"{db.stat().st_size / 1e6:.1f} MB"
        )
        # One warm-up of each (file cache, compiled catalogue), not counted.
        time_start(BARE, env=env)
        time_start(APP, str(db), env=env)
        bare: list[Started] = []
        app: list[Started] = []
        for _ in range(args.runs):
            bare.append(time_start(BARE, env=env))
            app.append(time_start(APP, str(db), env=env))
    # Noise on a shared machine only ever adds time, so the fastest runs are the steadiest measure;
    # the medians are printed beside them.
    b_min, b_med = min(s.shown for s in bare), statistics.median(s.shown for s in bare)

    def line(label: str, values: list[float]) -> str:
        fastest, median = min(values), statistics.median(values)
        return (
            f"{label:<38} fastest {fastest * 1000:5.0f} ms ({fastest / b_min:.2f}x)  "
            f"median {median * 1000:5.0f} ms ({median / b_med:.2f}x)  runs {[round(x * 1000) for x in values]}"
        )

    print(line("bare QMainWindow shown", [s.shown for s in bare]))
    print(line("WESTEM Desktop: window shown", [s.shown for s in app]))
    print(line("WESTEM Desktop: first rows painted", [s.painted for s in app]))
    print(line("WESTEM Desktop: every row loaded", [s.loaded for s in app]))
    bare_cpu, app_cpu = min(s.cpu for s in bare), min(s.cpu for s in app)
    print(
        f"CPU time of the main thread until shown: bare {bare_cpu * 1000:.0f} ms, WESTEM Desktop "
        f"{app_cpu * 1000:.0f} ms (fastest), ratio {app_cpu / bare_cpu:.2f}"
    )
    ratio = min(s.painted for s in app) / b_min
    print(
        f"first rows painted / bare window shown: {ratio:.2f} (fastest runs), target at most {TARGET_RATIO}  "
        f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
