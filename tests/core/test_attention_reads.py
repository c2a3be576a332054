"""The attention list reads one programme's rows: its pairs, their meetings and agreements, not the file's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from westem_desktop.core.attention import attention_list
from westem_desktop.core.demo import create_demo
from westem_desktop.core.models import Match, Meeting

TODAY = dt.date(2026, 11, 22)


def rows_read(database, programme_id: int) -> tuple[int, int, list]:
    """(statements, rows they returned, the list) when the attention list of ``programme_id`` is computed."""
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    with database.reading() as session:
        event.listen(Engine, "after_cursor_execute", seen)
        try:
            found = attention_list(session, programme_id, TODAY)
        finally:
            event.remove(Engine, "after_cursor_execute", seen)
    with database.engine.connect() as counter:  # each statement again, counting what it returned
        rows = sum(
            counter.exec_driver_sql(f"SELECT count(*) FROM ({sql}) AS q", params).scalar() for sql, params in statements
        )
    return len(statements), rows, found


def test_the_attention_list_reads_only_the_programmes_rows(database) -> None:
    with database.session() as session:
        small = create_demo(session, participants=40, seed=2, name="Small", today=TODAY).id
        large = create_demo(session, participants=600, seed=3, name="Large", today=TODAY).id
    with database.reading() as session:
        pairs = {
            pid: session.scalar(select(func.count()).select_from(Match).where(Match.programme_id == pid))
            for pid in (small, large)
        }
        met = session.scalar(select(func.count(func.distinct(Meeting.match_id))))
    assert met > 4 * pairs[small]  # the file holds many more pairs with meetings than the small programme
    small_statements, small_rows, small_list = rows_read(database, small)
    large_statements, large_rows, _large_list = rows_read(database, large)
    assert small_statements == large_statements <= 4  # a few statements, whatever the size
    assert small_rows <= 1 + 3 * pairs[small]  # the programme, and per pair at most its row, last meeting, agreement
    assert large_rows > small_rows
    assert small_list and {a.match_id for a in small_list} <= {
        m for (m,) in database.read().execute("SELECT id FROM match WHERE programme_id = ?", (small,))
    }
