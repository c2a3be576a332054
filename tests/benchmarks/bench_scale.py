"""How every screen and command grows with the programme: one table, a column per size.

Databases are made by the real command (``westem-desktop demo --participants N``) and kept in a cache
folder between runs (named by the size and a digest of ``core/demo.py``, so a changed demo makes new
ones). Every command runs in a fresh child process through the real entry; its time is the wall clock
from launch to exit and its peak memory the child's own high-water mark (``os.wait4``, the same
figure as ``getrusage(RUSAGE_CHILDREN)`` of a parent that ran only that child). The window's figures
come from one child per size (offscreen): each tab's first visit and a later one, the Suggest pairs
dialog opening, the language switch with every tab built, search keystrokes, and that child's peak.
Start-up is measured as in ``bench_startup.py``: until the window is shown, until the first screen of
Participants rows is painted and until every row is loaded, beside a bare window shown in the same run.

    python tests/benchmarks/bench_scale.py [--sizes 1000,5000,10000,20000,50000] [--cache DIR]

The printed table is Markdown; ``--output FILE`` writes it to a file too.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_startup import APP, BARE, time_start

DEFAULT_SIZES = (1_000, 5_000, 10_000, 20_000)
CHILD_TIMEOUT = 600


def run_child(argv: list[str], env: dict[str, str], timeout: float = CHILD_TIMEOUT) -> tuple[float, float, str]:
    """Seconds from launch to exit, the child's peak resident memory in MB, and what it printed."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, text=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({process.returncode}):\n{text[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, text


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "westem_desktop", *args]


def demo_database(cache: Path, size: int, env: dict[str, str]) -> tuple[Path, float | None]:
    """The cached demo database of ``size`` participants, made when missing (its making time then)."""
    import westem_desktop

    demo_source = Path(westem_desktop.__file__).parent / "core" / "demo.py"
    digest = hashlib.sha256(demo_source.read_bytes()).hexdigest()[:10]
    path = cache / f"demo-{size}-{digest}.sqlite"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    elapsed, _peak, _out = run_child(cli("demo", "--participants", str(size), "--db", str(partial)), env)
    partial.rename(path)
    return path, elapsed


def registrations_csv(path: Path, rows: int) -> None:
    """A spreadsheet of ``rows`` new registrations, as a coordinator receives them."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Namn", "E-post", "Roll", "Årskurs", "Språk", "Land", "Område", "Intressen"])
        for i in range(rows):
            writer.writerow(
                [
                    f"Person {i} Lindqvist",
                    f"new.person{i}@uu.se",
                    "mentor" if i % 3 == 0 else "adept",
                    1 + i % 5,
                    "svenska, engelska",
                    "Sverige",
                    "IKT",
                    "robotik, musik",
                ]
            )


def measure_commands(db: Path, size: int, work: Path, env: dict[str, str], suggest: bool) -> dict[str, str]:
    """Every command of the table in a fresh child: 'time, peak'."""
    figures: dict[str, str] = {}

    def one(label: str, *args: str, database: Path = db) -> None:
        elapsed, peak, _out = run_child(cli(*args, "--db", str(database)), env)
        figures[label] = f"{elapsed:.2f} s, {peak:.0f} MB"

    if suggest:
        one("`match suggest --json`", "match", "suggest", "--json")
    one("`export matches` (CSV)", "export", "matches", "-o", str(work / "matches.csv"))
    one("`export matches` (XLSX)", "export", "matches", "-o", str(work / "matches.xlsx"))
    one("`export participants` (CSV)", "export", "participants", "-o", str(work / "participants.csv"))
    one("`export participants` (XLSX)", "export", "participants", "-o", str(work / "participants.xlsx"))
    one("`report --json`", "report", "--json")
    one("`report -o report.pdf`", "report", "-o", str(work / "report.pdf"))
    one("`report -o report.xlsx`", "report", "-o", str(work / "report.xlsx"))
    one("`check`", "check")
    one("`backup`", "backup", "-o", str(work / "backup.sqlite"))
    copy = work / "import.sqlite"
    shutil.copyfile(db, copy)
    registrations = work / "registrations.csv"
    registrations_csv(registrations, size)
    one("`import participants` (N new rows)", "import", "participants", str(registrations), database=copy)
    return figures


GUI_CHILD = r"""
import json, resource, statistics, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from westem_desktop.core.db import open_database
from westem_desktop.core.settings import Settings
from westem_desktop.ui.language import LanguageSwitcher
from westem_desktop.ui.main_window import MainWindow

db_path, settings_path, skip_suggest = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "1"  # a file or a server URL
app = QApplication([])
switcher = LanguageSwitcher(app)
switcher.apply("en")
figures = {}

def settle():
    app.processEvents()
    app.processEvents()

start = time.perf_counter()
window = MainWindow(open_database(db_path), Settings(settings_path))
window.resize(1366, 768)
window.show()
settle()
participants = window.places[0].page()
while getattr(participants, "loading", False):  # a large register is read in the background
    app.processEvents()
    time.sleep(0.001)
settle()
figures["Participants tab, first visit (window opened, every row shown)"] = time.perf_counter() - start
for index, place in enumerate(window.places[1:], start=1):
    start = time.perf_counter()
    window.tabs.setCurrentIndex(index)
    settle()
    figures[f"{place.spec.title} tab, first visit"] = time.perf_counter() - start
for index, place in enumerate(window.places):
    window.tabs.setCurrentIndex((index + 1) % len(window.places))
    settle()
    start = time.perf_counter()
    window.tabs.setCurrentIndex(index)
    settle()
    figures[f"{place.spec.title} tab, later visit"] = time.perf_counter() - start

start = time.perf_counter()
switcher.apply("sv")
settle()
figures["language switch en → sv, every tab built"] = time.perf_counter() - start
switcher.apply("en")
settle()

window.tabs.setCurrentIndex(0)
settle()
strokes = []
for _ in range(3):
    for text in ("l", "li", "lin", "lind", "lindq", "lind", "lin", "li", "l", "", "ict", "sv", "ma", ""):
        start = time.perf_counter()
        participants.search.setText(text)
        app.processEvents()
        strokes.append(time.perf_counter() - start)
figures["search keystroke, median"] = statistics.median(strokes)
figures["search keystroke, worst"] = max(strokes)

if not skip_suggest:
    from westem_desktop.ui.dialogs.suggestions_dialog import SuggestionsDialog
    window.tabs.setCurrentIndex(1)
    settle()
    matches = window.places[1].page()
    start = time.perf_counter()
    dialog = SuggestionsDialog(window.actions, matches.programme_id, window)
    dialog.show()
    settle()
    figures["Suggest pairs dialog opens"] = time.perf_counter() - start
    dialog.close()
    settle()
figures["peak memory of the window (every tab, the switch, the search, the dialog)"] = (
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
)
print("FIGURES", json.dumps(figures), flush=True)
"""


def measure_window(db: Path | str, work: Path, env: dict[str, str], skip_suggest: bool) -> dict[str, str]:
    settings = work / "settings.json"
    _elapsed, _peak, out = run_child(
        [sys.executable, "-c", GUI_CHILD, str(db), str(settings), "1" if skip_suggest else "0"], env
    )
    line = next(line for line in out.splitlines() if line.startswith("FIGURES "))
    raw = json.loads(line.removeprefix("FIGURES "))
    figures = {}
    for label, value in raw.items():
        if label.startswith("peak memory"):
            figures[label] = f"{value:.0f} MB"
        elif value < 1:
            figures[label] = f"{value * 1000:.0f} ms"
        else:
            figures[label] = f"{value:.2f} s"
    return figures


def measure_start(db: Path, env: dict[str, str], runs: int) -> dict[str, str]:
    """The fastest of ``runs`` starts of each, alternating (noise only ever adds time)."""
    bare, shown, painted, loaded = [], [], [], []
    time_start(BARE, env=env)  # warm-up
    for _ in range(runs):
        bare.append(time_start(BARE, env=env).shown)
        started = time_start(APP, str(db), env=env)
        shown.append(started.shown)
        painted.append(started.painted)
        loaded.append(started.loaded)
    b = min(bare)

    def ratio(values: list[float]) -> str:
        return f"{min(values) * 1000:.0f} ms ({min(values) / b:.1f}×)"

    return {
        "start-up: bare QMainWindow shown (same run)": f"{b * 1000:.0f} ms",
        "start-up: window shown (× bare)": ratio(shown),
        "start-up: first Participants rows painted (× bare)": ratio(painted),
        "start-up: every row loaded (× bare)": ratio(loaded),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "westem-scale-cache")
    parser.add_argument("--start-runs", type=int, default=3, help="starts of each kind per size (default 3)")
    parser.add_argument(
        "--suggest-up-to",
        type=int,
        default=20_000,
        help="run the suggestion (dialog and command) only up to this size (default 20000)",
    )
    parser.add_argument("--output", type=Path, help="write the Markdown table to this file too")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.cache.mkdir(parents=True, exist_ok=True)

    import compileall

    import westem_desktop

    compileall.compile_dir(Path(westem_desktop.__file__).parent, quiet=1)
    columns: dict[int, dict[str, str]] = {}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        for kind in ("DATA", "CONFIG", "CACHE"):
            env[f"WESTEM_DESKTOP_{kind}_DIR"] = str(Path(tmp) / kind.lower())
        for size in sizes:
            work = Path(tmp) / str(size)
            work.mkdir()
            db, made_in = demo_database(args.cache, size, env)
            column: dict[str, str] = {}
            column["`demo --participants N`"] = f"{made_in:.1f} s" if made_in is not None else "(cached)"
            print(f"{size}: database ready", file=sys.stderr, flush=True)
            column.update(measure_start(db, env, args.start_runs))
            print(f"{size}: start-up measured", file=sys.stderr, flush=True)
            column.update(measure_window(db, work, env, skip_suggest=size > args.suggest_up_to))
            print(f"{size}: window measured", file=sys.stderr, flush=True)
            column.update(measure_commands(db, size, work, env, suggest=size <= args.suggest_up_to))
            print(f"{size}: commands measured ({time.perf_counter() - began:.0f} s so far)", file=sys.stderr)
            columns[size] = column
    rows: list[str] = []
    for column in columns.values():
        rows.extend(label for label in column if label not in rows)
    header = "| what | " + " | ".join(f"{size // 1000}k" for size in sizes) + " |"
    lines = [header, "|---|" + "---|" * len(sizes)]
    for label in rows:
        lines.append(f"| {label} | " + " | ".join(columns[s].get(label, "–") for s in sizes) + " |")
    table = "\n".join(lines)
    print(table)
    print(f"\n(whole run {time.perf_counter() - began:.0f} s)")
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
