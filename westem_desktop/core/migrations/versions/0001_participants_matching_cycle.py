"""Participants, matching and the mentoring cycle

Revision ID: 0001
Revises:
Create Date: 2026-11-22 16:20:20.322691

Programmes, participants with onboarding, requests, pairs, phases with checklists, meetings.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("default_style", sa.String(length=20), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("formal", sa.Boolean(), nullable=False),
        sa.Column("structured", sa.Boolean(), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("matching_mode", sa.String(length=20), nullable=False),
        sa.Column("expected_hours_per_month", sa.Float(), nullable=False),
        sa.Column("coordinator_name", sa.String(length=200), nullable=False),
        sa.Column("coordinator_title", sa.String(length=200), nullable=False),
        sa.Column("coordinator_signs_agreement", sa.Boolean(), nullable=False),
        sa.Column("document_language", sa.String(length=5), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("attention_weeks", sa.Integer(), nullable=False),
        sa.Column("matching_weights", sa.JSON(), nullable=False),
        sa.Column("anonymised_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name=op.f("ck_programme_dates")
        ),
        sa.CheckConstraint("expected_hours_per_month >= 0", name=op.f("ck_programme_hours_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("name", name=op.f("uq_programme_name")),
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("study_programme", sa.String(length=200), nullable=False),
        sa.Column("year_of_study", sa.Integer(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("interests", sa.JSON(), nullable=False),
        sa.Column("support_wanted", sa.JSON(), nullable=False),
        sa.Column("preferred_mode", sa.String(length=20), nullable=True),
        sa.Column("availability", sa.Text(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('mentor', 'mentee')", name=op.f("ck_participant_role")),
        sa.CheckConstraint("status IN ('active', 'withdrawn', 'completed')", name=op.f("ck_participant_status")),
        sa.CheckConstraint("capacity >= 1", name=op.f("ck_participant_capacity")),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_participant_programme_id_programme"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("programme_id", "email", name=op.f("uq_participant_programme_id")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index("ix_participant_programme_role", ["programme_id", "role", "erased_at"], unique=False)
    op.create_table(
        "match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("style", sa.String(length=20), nullable=False),
        sa.Column("initiated_by", sa.String(length=20), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("first_contact_on", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("planned_end_date", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("termination_reason", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'closed', 'ended')", name=op.f("ck_match_status")),
        sa.CheckConstraint("style IN ('traditional', 'flash')", name=op.f("ck_match_style")),
        sa.CheckConstraint("mentor_id <> mentee_id", name=op.f("ck_match_two_people")),
        sa.CheckConstraint("phase BETWEEN 1 AND 4", name=op.f("ck_match_phase")),
        sa.ForeignKeyConstraint(
            ["mentee_id"], ["participant.id"], name=op.f("fk_match_mentee_id_participant"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["participant.id"], name=op.f("fk_match_mentor_id_participant"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_match_programme_id_programme"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match")),
    )
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index("ix_match_programme_status", ["programme_id", "status", "phase"], unique=False)
    op.create_table(
        "mentor_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.CheckConstraint("rank BETWEEN 1 AND 3", name=op.f("ck_mentor_request_rank")),
        sa.ForeignKeyConstraint(
            ["mentee_id"], ["participant.id"], name=op.f("fk_mentor_request_mentee_id_participant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["participant.id"], name=op.f("fk_mentor_request_mentor_id_participant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_mentor_request_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_request")),
        sa.UniqueConstraint("mentee_id", "mentor_id", name=op.f("uq_mentor_request_mentee_id")),
    )
    with op.batch_alter_table("mentor_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_request_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_request_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_request_programme_id"), ["programme_id"], unique=False)
    op.create_table(
        "onboarding_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=50), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_onboarding_item_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_item")),
        sa.UniqueConstraint("participant_id", "item_key", name=op.f("uq_onboarding_item_participant_id")),
    )
    with op.batch_alter_table("onboarding_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_onboarding_item_participant_id"), ["participant_id"], unique=False)
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=True),
        sa.Column("phase", sa.Integer(), nullable=True),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("private_notes", sa.Text(), nullable=False),
        sa.Column("plan_template", sa.String(length=50), nullable=True),
        sa.Column("plan_step", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('planned', 'held', 'cancelled')", name=op.f("ck_meeting_status")),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_meeting_duration")),
        sa.ForeignKeyConstraint(["match_id"], ["match.id"], name=op.f("fk_meeting_match_id_match"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_match_id"), ["match_id"], unique=False)
    op.create_table(
        "phase_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("phase BETWEEN 1 AND 4", name=op.f("ck_phase_progress_phase")),
        sa.ForeignKeyConstraint(
            ["match_id"], ["match.id"], name=op.f("fk_phase_progress_match_id_match"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phase_progress")),
        sa.UniqueConstraint("match_id", "phase", name=op.f("uq_phase_progress_match_id")),
    )
    with op.batch_alter_table("phase_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phase_progress_match_id"), ["match_id"], unique=False)
    op.create_table(
        "checklist_tick",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phase_progress_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=50), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["phase_progress_id"],
            ["phase_progress.id"],
            name=op.f("fk_checklist_tick_phase_progress_id_phase_progress"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_tick")),
        sa.UniqueConstraint("phase_progress_id", "item_key", name=op.f("uq_checklist_tick_phase_progress_id")),
    )
    with op.batch_alter_table("checklist_tick", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checklist_tick_phase_progress_id"), ["phase_progress_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("checklist_tick", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_tick_phase_progress_id"))
    op.drop_table("checklist_tick")
    with op.batch_alter_table("phase_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phase_progress_match_id"))
    op.drop_table("phase_progress")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_match_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_date"))
    op.drop_table("meeting")
    with op.batch_alter_table("onboarding_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onboarding_item_participant_id"))
    op.drop_table("onboarding_item")
    with op.batch_alter_table("mentor_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_request_programme_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_request_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_request_mentee_id"))
    op.drop_table("mentor_request")
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.drop_index("ix_match_programme_status")
        batch_op.drop_index(batch_op.f("ix_match_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_match_mentee_id"))
    op.drop_table("match")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index("ix_participant_programme_role")
    op.drop_table("participant")
    op.drop_table("programme")
