"""Worker for test_crash_safety: performs actions on a database and reports each one done on stdout.

python crash_worker.py import|edits|backup DATABASE [CSV]
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select, update

from westem_desktop.core.backup import take_backup
from westem_desktop.core.db import open_database
from westem_desktop.core.io import participant_import as pi
from westem_desktop.core.io.tables import read_table
from westem_desktop.core.models import Participant


def main() -> None:
    action, database = sys.argv[1], Path(sys.argv[2])
    with open_database(database) as db:
        print("READY", flush=True)
        if action == "import":
            table = read_table(Path(sys.argv[3]))
            with db.session() as session:
                checked = pi.check_rows(session, 1, table, pi.guess_mapping(table.headers))
                pi.apply_import(session, 1, checked)
            print("DONE import", flush=True)
        elif action == "edits":
            with db.session() as session:
                ids = list(session.scalars(select(Participant.id).order_by(Participant.id)))
            for n in range(10_000):
                first, second = ids[n % len(ids)], ids[(n + 1) % len(ids)]
                with db.session() as session:  # one action: two rows change together or not at all
                    session.execute(
                        update(Participant).where(Participant.id.in_([first, second])).values(notes=f"edit-{n}")
                    )
                print(f"DONE edit {n} {first} {second}", flush=True)
        elif action == "backup":
            for n in range(1000):
                path = take_backup(database, prefix=f"crash{n}")
                print(f"DONE backup {path}", flush=True)


if __name__ == "__main__":
    main()
