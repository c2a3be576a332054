"""Letters: a programme's own texts of its letters, and the coordinator's e-mail address

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-10 09:00:00

``letter_template`` holds only the texts a coordinator edited (one per programme, kind of letter and
language); a missing row is the shipped default (``core/letters``). ``programme.coordinator_email`` is
the address the drafts are sent from; existing programmes have none yet. On PostgreSQL the new table's
writes are announced like the others' (0006).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(sa.Column("coordinator_email", sa.String(254), server_default="", nullable=False))
    op.create_table(
        "letter_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("changed_by", sa.String(200), server_default="", nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_letter_template_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template")),
        sa.UniqueConstraint("programme_id", "kind", "language", name=op.f("uq_letter_template_programme_id")),
    )
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_template_programme_id"), ["programme_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER westem_announce_letter_template AFTER INSERT OR UPDATE OR DELETE ON letter_template "
            "FOR EACH ROW EXECUTE FUNCTION westem_announce_change('programme_id')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS westem_announce_letter_template ON letter_template")
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_template_programme_id"))
    op.drop_table("letter_template")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("coordinator_email")
