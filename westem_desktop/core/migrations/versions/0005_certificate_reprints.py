"""Certificates record their reprints

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-12 09:00:00

Printing a person's certificate again (the same pair and role) counts a reprint on the certificate
already issued instead of recording a new one. Existing certificates have no reprints.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reprints", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("reprinted_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("reprinted_on")
        batch_op.drop_column("reprints")
