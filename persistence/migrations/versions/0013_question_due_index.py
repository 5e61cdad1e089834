"""reflection questions: the scheduler's index of unanswered follow-up questions by due time

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_QUESTIONS = "answered_at IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_reflection_questions_open_due",
        "reflection_questions",
        ["answer_due", "id"],
        postgresql_where=sa.text(OPEN_QUESTIONS),
        sqlite_where=sa.text(OPEN_QUESTIONS),
    )


def downgrade() -> None:
    op.drop_index("ix_reflection_questions_open_due", table_name="reflection_questions")
