"""Start-up with the stress database against a bare PySide6 QMainWindow, measured in the same run.

Each start is a fresh process (as a coordinator starts the application). The time is taken from the
parent's launch of the process until the child reports its window shown and the event loop idle;
the child then exits. The application starts through its real entry (the command line's ``main``).
Runs alternate between the two programs; the fastest runs and the medians are compared.

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

TARGET_RATIO = 1.5

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

# The application's own entry, as `westem-desktop --db PATH --lang en` runs it.
APP = """
import sys, time
from westem_desktop.cli import main
def ready(window):
    print("READY", time.thread_time(), flush=True)
    from PySide6.QtWidgets import QApplication
    QApplication.quit()
sys.exit(main(["--db", sys.argv[1], "--lang", "en"], ready=ready))
"""


def time_start(code: str, *args: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launching the process until it prints READY, and the CPU time its main thread had
    used by then (the work itself, without the waits a shared machine adds now and then)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            cpu = float(line.split()[1])
            break
    else:
        raise RuntimeError("the program ended without showing its window")
    process.wait(timeout=60)
    return elapsed, cpu


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
        bare, app, bare_cpu, app_cpu = [], [], [], []
        for _ in range(args.runs):
            for times, cpus, started in (
                (bare, bare_cpu, time_start(BARE, env=env)),
                (app, app_cpu, time_start(APP, str(db), env=env)),
            ):
                times.append(started[0])
                cpus.append(started[1])
    b, a = statistics.median(bare), statistics.median(app)
    # Noise on a shared machine only ever adds time, so the fastest runs are the steadiest measure;
    # the medians are printed beside them.
    ratio = min(app) / min(bare)
    print(
        f"bare QMainWindow  fastest {min(bare) * 1000:5.0f} ms  median {b * 1000:5.0f} ms  "
        f"runs {[round(x * 1000) for x in bare]}"
    )
    print(
        f"WESTEM Desktop    fastest {min(app) * 1000:5.0f} ms  median {a * 1000:5.0f} ms  "
        f"runs {[round(x * 1000) for x in app]}"
    )
    print(
        f"CPU time of the main thread until then: bare {min(bare_cpu) * 1000:.0f} ms, WESTEM Desktop "
        f"{min(app_cpu) * 1000:.0f} ms (fastest), ratio {min(app_cpu) / min(bare_cpu):.2f}"
    )
    print(
        f"ratio of the fastest runs {ratio:.2f}, of the medians {a / b:.2f} (target at most {TARGET_RATIO})  "
        f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
