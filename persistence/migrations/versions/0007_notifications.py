"""notifications: the outbox (events) and the per-person inbox

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = sa.Enum(
    "NEW_ASSIGNMENT",
    "DEADLINE_WARNING",
    "OVERDUE",
    "RETURNED",
    "APPROVED",
    "PUBLISHED",
    "ESCALATED",
    "REPORT_DUE",
    "BIRTHDAY",
    name="notification_kind",
    native_enum=False,
    length=40,
)
SUBJECTS = sa.Enum(
    "TASK", "REFLECTION", "REPORT", "PERSON", name="subject_type", native_enum=False, length=40
)


def upgrade() -> None:
    op.create_table(
        "notification_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", KINDS, nullable=False),
        sa.Column("subject_type", SUBJECTS, nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("unit_path", sa.String(length=500), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("threshold", sa.String(length=40), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_notification_events_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_events")),
        sa.UniqueConstraint(
            "subject_type", "subject_id", "kind", "threshold", "due_at", name="uq_notification_once"
        ),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", KINDS, nullable=False),
        sa.Column("subject_type", SUBJECTS, nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["notification_events.id"],
            name=op.f("fk_notifications_event_id_notification_events"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_notifications_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index("ix_notifications_person_id", "notifications", ["person_id", "id"])
    op.create_index(
        "ix_notifications_person_unread", "notifications", ["person_id", "read_at", "id"]
    )
    op.create_index("ix_notifications_dispatch", "notifications", ["dispatched_at", "id"])


def downgrade() -> None:
    op.drop_table("notifications")
    op.drop_table("notification_events")
