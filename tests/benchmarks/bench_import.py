"""Importing 100,000 rows: the peak memory and the time, each in a fresh child process.

Measured: the command line's ``import participants`` of a 100,000-row CSV and of the same rows as an XLSX,
into a new database, and reading each file alone (``read_table``: the checks of ``core/io/limits.py`` and
of ``xlsx_guard`` included). Baselines from the same run, each in its own child too: the interpreter with
the same modules imported and nothing read (memory), and Python's csv module reading the CSV into a list
(time and memory). The promise (issue 16): any import under 300 MB of peak memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEAK_TARGET_MB = 300

CHILD = """
import json, resource, sys, time
kind, path, database = sys.argv[1:4]
import csv
from westem_desktop.cli import main
from westem_desktop.core.io.tables import read_table
import openpyxl, sqlalchemy
start = time.perf_counter()
rows = 0
if kind == "modules":
    pass
elif kind == "csv-module":
    with open(path, encoding="utf-8", newline="") as handle:
        rows = len(list(csv.reader(handle, delimiter=";"))) - 1
elif kind == "read":
    rows = len(read_table(__import__("pathlib").Path(path)).rows)
else:
    code = main(["import", "participants", path, "--db", database, "--lang", "en"])
    assert code == 0, code
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # this process's own high-water mark (ru_maxrss may carry the parent's size over the exec)
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    pass
print("FIGURES " + json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows}))
"""


def child(kind: str, path: Path, database: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path), str(database)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if "FIGURES " not in done.stdout:
        raise SystemExit(f"{kind} {path.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.rsplit("FIGURES ", 1)[1])


def registrations(rows: int, wide: bool = False) -> list[list[object]]:
    """The rows of a registration form: 8 columns, or 20 (every column the import knows, and some not)."""
    head = ["Namn", "E-post", "Roll", "Årskurs", "Språk", "Land", "Område", "Intressen"]
    extra = ["Lärosäte", "Program", "Stöd", "Tillgänglighet", "Kapacitet", "Anteckningar"]
    extra += ["Inskickad", "Källa", "Kommentar från handläggare", "Fritext 1", "Fritext 2", "Fritext 3"]
    records: list[list[object]] = [head + extra if wide else head]
    for i in range(rows):
        record: list[object] = [
            f"Person {i} Lindqvist-Ødegård",
            f"person{i}@uu.se",
            "mentor" if i % 3 == 0 else "adept",
            1 + i % 5,
            "svenska, engelska" if i % 2 else "engelska",
            "Sverige",
            "IKT",
            "robotik, musik",
        ]
        if wide:
            record += ["Uppsala universitet", f"Program {i % 40}", "karriär", "kvällar", 1 + i % 3]
            record += [f"Anteckning {i}: vill träffas på campus varannan vecka under hösten."]
            record += [f"2026-08-{1 + i % 28:02d}", "webbformulär", f"Kontrollerad {i}", "", f"svar {i}", "ja"]
        records.append(record)
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    for kind in ("DATA", "CONFIG", "CACHE"):
        os.environ[f"WESTEM_DESKTOP_{kind}_DIR"] = str(tmp / kind.lower())
    from openpyxl import Workbook

    from westem_desktop.core import programmes
    from westem_desktop.core.db import open_database

    records = registrations(args.rows)
    csv_path, xlsx_path = tmp / "registrations.csv", tmp / "registrations.xlsx"
    wide_path = tmp / "wide.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(records)
    with wide_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(registrations(args.rows, wide=True))
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for record in records:
        sheet.append(record)
    book.save(xlsx_path)

    def database(name: str) -> Path:
        path = tmp / f"{name}.sqlite"
        with open_database(path) as db, db.session() as session:
            programmes.create_programme(session, programmes.ProgrammeSettings(name="Import benchmark"))
        return path

    modules = child("modules", csv_path, tmp / "none.sqlite")
    csv_module = child("csv-module", csv_path, tmp / "none.sqlite")
    figures = {
        ("read", "CSV"): child("read", csv_path, tmp / "none.sqlite"),
        ("read", "XLSX"): child("read", xlsx_path, tmp / "none.sqlite"),
        ("import", "CSV"): child("import", csv_path, database("csv")),
        ("import", "XLSX"): child("import", xlsx_path, database("xlsx")),
        ("import", "CSV, 20 columns"): child("import", wide_path, database("wide")),
    }
    size = {path.name: path.stat().st_size / 2**20 for path in (csv_path, xlsx_path, wide_path)}
    print(f"rows: {args.rows}; " + ", ".join(f"{name} {mb:.1f} MB" for name, mb in size.items()))
    print(f"baseline: the modules imported, nothing read: peak {modules['peak_mb']:.0f} MB")
    print(
        f"baseline: Python's csv module reading the CSV into a list: {csv_module['seconds']:.2f} s, "
        f"peak {csv_module['peak_mb']:.0f} MB"
    )
    worst = 0.0
    for (what, kind), result in figures.items():
        worst = max(worst, result["peak_mb"])
        ratio = result["seconds"] / csv_module["seconds"]
        print(
            f"{what:6} {kind:15}: {result['seconds']:6.2f} s (ratio to csv {ratio:5.1f}), "
            f"peak {result['peak_mb']:4.0f} MB ({result['peak_mb'] - modules['peak_mb']:+.0f} MB over the modules)"
        )
    verdict = "OK" if worst < PEAK_TARGET_MB else "OVER TARGET"
    print(f"highest peak {worst:.0f} MB (target under {PEAK_TARGET_MB} MB)  {verdict}")
    return 0 if worst < PEAK_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
