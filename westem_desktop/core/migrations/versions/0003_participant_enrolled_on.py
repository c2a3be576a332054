"""A participant's enrolment date, for a new round after a closed or ended pair

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 04:30:00

A mentee whose pair was closed or ended leaves the matching pool; re-enrolling her for a new round
records the day, and only pairs formed from that day on keep her out of the pool again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("enrolled_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("enrolled_on")
