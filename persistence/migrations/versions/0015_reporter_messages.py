"""reporter messages: email and SMS owed to field reports' reporters

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


KINDS = ("RESULT", "VERIFY", "EDIT", "ANSWER", "CANCELLED")


def upgrade() -> None:
    op.create_table(
        "reporter_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="reporter_message_kind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reflection_id"],
            ["reflections.id"],
            name="fk_reporter_messages_reflection_id_reflections",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["reflection_questions.id"],
            name="fk_reporter_messages_question_id_reflection_questions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reporter_messages"),
    )
    op.create_index(
        "ix_reporter_messages_reflection_id", "reporter_messages", ["reflection_id"]
    )
    op.create_index(
        "ix_reporter_messages_dispatch", "reporter_messages", ["dispatched_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_reporter_messages_dispatch", table_name="reporter_messages")
    op.drop_index("ix_reporter_messages_reflection_id", table_name="reporter_messages")
    op.drop_table("reporter_messages")
