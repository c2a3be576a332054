"""Agreements, evaluations and certificates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:20:20.322691

Agreement versions with up to three goals, evaluation forms with answers, issued certificates.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("expectations", sa.Text(), nullable=False),
        sa.Column("timeline_start", sa.Date(), nullable=True),
        sa.Column("timeline_end", sa.Date(), nullable=True),
        sa.Column("meeting_frequency", sa.Text(), nullable=False),
        sa.Column("meeting_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("meeting_mode", sa.String(length=20), nullable=True),
        sa.Column("mentor_boundaries", sa.Text(), nullable=False),
        sa.Column("mentee_boundaries", sa.Text(), nullable=False),
        sa.Column("confidentiality", sa.Text(), nullable=False),
        sa.Column("off_limits_topics", sa.Text(), nullable=False),
        sa.Column("termination_clause", sa.Text(), nullable=False),
        sa.Column("mentor_success_criteria", sa.Text(), nullable=False),
        sa.Column("mentee_success_criteria", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=True),
        sa.Column("printed_on", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'printed', 'signed', 'superseded')", name=op.f("ck_agreement_status")),
        sa.ForeignKeyConstraint(
            ["match_id"], ["match.id"], name=op.f("fk_agreement_match_id_match"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sa.UniqueConstraint("match_id", "version", name=op.f("uq_agreement_match_id")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_match_id"), ["match_id"], unique=False)
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("meetings_held", sa.Integer(), nullable=False),
        sa.Column("minutes_total", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('mentor', 'mentee')", name=op.f("ck_certificate_role")),
        sa.ForeignKeyConstraint(
            ["match_id"], ["match.id"], name=op.f("fk_certificate_match_id_match"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_certificate_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_match_id"), ["match_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificate_participant_id"), ["participant_id"], unique=False)
    op.create_table(
        "agreement_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("success_measure", sa.Text(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=True),
        sa.CheckConstraint("position BETWEEN 1 AND 3", name=op.f("ck_agreement_goal_at_most_three")),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_goal_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_goal")),
        sa.UniqueConstraint("agreement_id", "position", name=op.f("uq_agreement_goal_agreement_id")),
    )
    with op.batch_alter_table("agreement_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_goal_agreement_id"), ["agreement_id"], unique=False)
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("instrument", sa.String(length=20), nullable=False),
        sa.Column("respondent_role", sa.String(length=10), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("instrument IN ('session', 'midpoint', 'final')", name=op.f("ck_evaluation_instrument")),
        sa.CheckConstraint("respondent_role IN ('mentor', 'mentee')", name=op.f("ck_evaluation_role")),
        sa.ForeignKeyConstraint(
            ["match_id"], ["match.id"], name=op.f("fk_evaluation_match_id_match"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_evaluation_meeting_id_meeting"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_match_id"), ["match_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "evaluation_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=50), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_answer_evaluation_id_evaluation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_answer")),
        sa.UniqueConstraint("evaluation_id", "question_key", name=op.f("uq_evaluation_answer_evaluation_id")),
    )
    with op.batch_alter_table("evaluation_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_answer_evaluation_id"), ["evaluation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("evaluation_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_answer_evaluation_id"))
    op.drop_table("evaluation_answer")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_match_id"))
    op.drop_table("evaluation")
    with op.batch_alter_table("agreement_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_goal_agreement_id"))
    op.drop_table("agreement_goal")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_participant_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_match_id"))
    op.drop_table("certificate")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_match_id"))
    op.drop_table("agreement")
