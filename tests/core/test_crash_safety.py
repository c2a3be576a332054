"""Killing the process at random moments (SIGKILL, 200 times) during an import, bulk edits and backups:
the database always passes the integrity check, every action reported done is there, none is there in part."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from westem_desktop.core.backup import check_integrity
from westem_desktop.core.demo import create_demo_database

WORKER = Path(__file__).with_name("crash_worker.py")
KILLS = {"import": 70, "edits": 70, "backup": 60}  # 200 in all


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("crash")
    db = folder / "template.sqlite"
    create_demo_database(db, participants=30, seed=3)
    csv = folder / "people.csv"
    rows = ["Name;E-mail;Role"] + [f"Person {i};person{i}@uu.se;mentee" for i in range(400)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return db, csv


def run_and_kill(action: str, db: Path, csv: Path, rng: random.Random) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, str(WORKER), action, str(db), str(csv)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    lines = [process.stdout.readline().strip()]
    assert lines == ["READY"]
    time.sleep(rng.uniform(0, 0.25))
    process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
    lines += [line.strip() for line in process.stdout]
    process.wait()
    process.stdout.close()
    return [line for line in lines if line.startswith("DONE")]


@pytest.mark.parametrize("action", list(KILLS))
def test_sigkill_never_damages_or_half_writes(template, tmp_path: Path, action: str) -> None:
    source, csv = template
    rng = random.Random(f"crash-{action}")
    for attempt in range(KILLS[action]):
        db = tmp_path / f"{action}-{attempt}.sqlite"
        db.write_bytes(source.read_bytes())
        done = run_and_kill(action, db, csv, rng)
        assert check_integrity(db, full=True) is None, f"attempt {attempt}: damaged"
        conn = sqlite3.connect(db)
        try:
            if action == "import":
                (people,) = conn.execute("SELECT count(*) FROM participant").fetchone()
                assert people in (30, 430), f"attempt {attempt}: a partial import ({people})"
                assert (people == 430) >= bool(done), f"attempt {attempt}: a reported import is missing"
            elif action == "edits":
                notes = dict(conn.execute("SELECT id, notes FROM participant"))
                for line in done:
                    _done, _edit, n, _first, _second = line.split()
                    later = [v for v in notes.values() if v.startswith("edit-") and int(v[5:]) >= int(n)]
                    assert later, f"attempt {attempt}: edit {n} was reported but is not there"
                tokens = [v for v in notes.values() if v.startswith("edit-")]
                last = max((int(v[5:]) for v in tokens), default=None)
                if last is not None:
                    assert sum(1 for v in tokens if v == f"edit-{last}") == 2, f"attempt {attempt}: half an edit"
            else:
                for line in done:
                    backup = Path(line.split(maxsplit=2)[2])
                    assert check_integrity(backup, full=True) is None, f"attempt {attempt}: damaged backup"
        finally:
            conn.close()
        db.unlink()
