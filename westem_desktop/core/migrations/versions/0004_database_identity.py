"""The database's identity: a random UUID that every backup carries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10 09:00:00

Backups are proven to belong to their database by this identity, read inside each backup file, not by
the file's name (core/backup.py). An existing database gets its own identity when it is upgraded.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A copy taken before this upgrade is given the table and the identity of the database it was taken
    # from (core.backup.adopt_copy), so that it is found as a backup of it; restoring it upgrades it again.
    if not sa.inspect(op.get_bind()).has_table("database_identity"):
        op.create_table(
            "database_identity",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("identity", sa.String(length=36), nullable=False),
            sa.CheckConstraint("id = 1", name=op.f("ck_database_identity_one_row")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
        )
    op.execute(
        # Standard SQL (no SQLite "INSERT OR IGNORE"): the same revision runs on PostgreSQL.
        sa.text(
            "INSERT INTO database_identity (id, identity) SELECT 1, :identity"
            " WHERE NOT EXISTS (SELECT 1 FROM database_identity)"
        ).bindparams(identity=str(uuid.uuid4()))
    )


def downgrade() -> None:
    op.drop_table("database_identity")
