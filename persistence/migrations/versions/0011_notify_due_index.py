"""notifications: the scheduler's index of open field-report parts by due time

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_PARTS = "state IN ('ASSIGNED', 'ACCEPTED', 'RESULT_SUBMITTED')"


def upgrade() -> None:
    op.create_index(
        "ix_reflection_assignments_open_due",
        "reflection_assignments",
        ["due_at", "id"],
        postgresql_where=sa.text(OPEN_PARTS),
        sqlite_where=sa.text(OPEN_PARTS),
    )


def downgrade() -> None:
    op.drop_index("ix_reflection_assignments_open_due", table_name="reflection_assignments")
