"""periodic task occurrences, the daily press digest, citizen questions, tasks.escalated_to_id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "task_occurrences",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("due", WHEN, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "OPEN", "IN_PROGRESS", "DONE",
                name="occurrence_state", native_enum=False, length=40,
            ),
            nullable=False,
        ),
        sa.Column("progress_percent", sa.Integer(), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("reported_at", WHEN, nullable=True),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        sa.Column("done_at", WHEN, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("task_occurrences", "task_id", "tasks"),
        _pk("task_occurrences"),
        sa.UniqueConstraint("task_id", "seq", name="uq_task_occurrences_task_seq"),
    )
    op.create_table(
        "press_digests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("office_unit_id", sa.Integer(), nullable=False),
        sa.Column("digest_date", sa.Date(), nullable=False),
        sa.Column("due_at", WHEN, nullable=False),
        sa.Column("published_at", WHEN, nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("published_late", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("press_digests", "office_unit_id", "org_units"),
        _pk("press_digests"),
        sa.UniqueConstraint("office_unit_id", "digest_date", name="uq_press_digests_office_date"),
    )
    op.create_index("ix_press_digests_date_id", "press_digests", ["digest_date", "id"])
    op.create_table(
        "press_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=False),
        sa.Column("headline", sa.String(length=500), nullable=False),
        sa.Column("outlet", sa.String(length=255), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("article_date", sa.Date(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("forwarded_at", WHEN, nullable=True),
        sa.Column("forwarded_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("press_items", "digest_id", "press_digests"),
        _fk("press_items", "task_id", "tasks"),
        _pk("press_items"),
        sa.UniqueConstraint("task_id", name=op.f("uq_press_items_task_id")),
    )
    op.create_index(op.f("ix_press_items_digest_id"), "press_items", ["digest_id"])
    op.create_table(
        "citizen_questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("office_unit_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asker_name", sa.String(length=255), nullable=False),
        sa.Column("asker_email", sa.String(length=255), nullable=True),
        sa.Column("asker_phone", sa.String(length=40), nullable=True),
        sa.Column("asker_address", sa.String(length=500), nullable=True),
        sa.Column("submitted_at", WHEN, nullable=False),
        sa.Column("intake_at", WHEN, nullable=False),
        sa.Column("forward_due", WHEN, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("forwarded_at", WHEN, nullable=True),
        sa.Column("forwarded_late", sa.Boolean(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_unit_id", sa.Integer(), nullable=True),
        sa.Column("published_at", WHEN, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("citizen_questions", "office_unit_id", "org_units"),
        _fk("citizen_questions", "answered_unit_id", "org_units"),
        _fk("citizen_questions", "task_id", "tasks"),
        _pk("citizen_questions"),
        sa.UniqueConstraint("task_id", name=op.f("uq_citizen_questions_task_id")),
    )
    op.create_index(
        "ix_citizen_questions_office_intake",
        "citizen_questions",
        ["office_unit_id", "intake_at", "id"],
    )
    op.create_index(
        "ix_citizen_questions_published", "citizen_questions", ["published_at", "id"]
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalated_to_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_tasks_escalated_to_id_tasks"), "tasks", ["escalated_to_id"], ["id"]
        )
    op.execute(
        "UPDATE tasks SET escalated_to_id = ("
        " SELECT up.id FROM tasks AS up WHERE up.escalated_from_id = tasks.id)"
        " WHERE state = 'ESCALATED'"
    )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_tasks_escalated_to_id_tasks"), type_="foreignkey")
        batch_op.drop_column("escalated_to_id")
    op.drop_table("citizen_questions")
    op.drop_table("press_items")
    op.drop_table("press_digests")
    op.drop_table("task_occurrences")
