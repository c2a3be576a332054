"""Every editable row carries a version and who changed it last, and when

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-20 09:00:00

Two coordinators on one server may edit the same row: the second save is refused when the row's
``row_version`` is no longer the one her screen showed (``core/versions.py``), and ``changed_by`` and
``changed_at`` say who changed it and when. (``row_version``, since an agreement's ``version`` already
numbers its versions.) Existing rows start at version 1, changed by nobody known.

On PostgreSQL, a trigger also announces every write with ``pg_notify('westem_changes', 'TABLE:PROGRAMME')``
so that the other coordinators' open tabs reload (``core/changes.py``); a file has one writer only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ("programme", "participant", "match", "phase_progress", "meeting", "agreement", "evaluation")

# Each table whose writes are announced, with the way from its row to the programme.
ANNOUNCED = {
    "programme": "self",
    "participant": "programme_id",
    "mentor_request": "programme_id",
    "match": "programme_id",
    "onboarding_item": "participant_id",
    "phase_progress": "match_id",
    "meeting": "match_id",
    "agreement": "match_id",
    "evaluation": "match_id",
    "certificate": "match_id",
    "checklist_tick": "phase_progress_id",
    "agreement_goal": "agreement_id",
    "evaluation_answer": "evaluation_id",
}

NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION westem_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    pid integer;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    IF TG_ARGV[0] = 'self' THEN
        pid := r.id;
    ELSIF TG_ARGV[0] = 'programme_id' THEN
        pid := r.programme_id;
    ELSIF TG_ARGV[0] = 'participant_id' THEN
        SELECT p.programme_id INTO pid FROM participant p WHERE p.id = r.participant_id;
    ELSIF TG_ARGV[0] = 'match_id' THEN
        SELECT m.programme_id INTO pid FROM match m WHERE m.id = r.match_id;
    ELSIF TG_ARGV[0] = 'phase_progress_id' THEN
        SELECT m.programme_id INTO pid FROM phase_progress pp JOIN match m ON m.id = pp.match_id
         WHERE pp.id = r.phase_progress_id;
    ELSIF TG_ARGV[0] = 'agreement_id' THEN
        SELECT m.programme_id INTO pid FROM agreement a JOIN match m ON m.id = a.match_id WHERE a.id = r.agreement_id;
    ELSIF TG_ARGV[0] = 'evaluation_id' THEN
        SELECT m.programme_id INTO pid FROM evaluation e JOIN match m ON m.id = e.match_id
         WHERE e.id = r.evaluation_id;
    END IF;
    -- Identical notifications of one transaction are delivered once: a bulk write announces itself once.
    PERFORM pg_notify('westem_changes', TG_TABLE_NAME || ':' || coalesce(pid::text, ''));
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("row_version", sa.Integer(), server_default="1", nullable=False))
            batch_op.add_column(sa.Column("changed_by", sa.String(200), server_default="", nullable=False))
            batch_op.add_column(sa.Column("changed_at", sa.DateTime(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(NOTIFY_FUNCTION)
        for table, way in ANNOUNCED.items():
            op.execute(
                f"CREATE TRIGGER westem_announce_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION westem_announce_change('{way}')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ANNOUNCED:
            op.execute(f"DROP TRIGGER IF EXISTS westem_announce_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS westem_announce_change()")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("changed_at")
            batch_op.drop_column("changed_by")
            batch_op.drop_column("row_version")
