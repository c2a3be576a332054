"""Alembic migrations. ``REVISIONS`` lists every revision in order, oldest first.

The list lets the application tell an up-to-date, an older and a newer database apart without
importing Alembic at start-up; a test checks that it equals Alembic's own history.
"""

from pathlib import Path

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD = REVISIONS[-1]
SCRIPT_LOCATION = str(Path(__file__).resolve().parent)
