"""org_units.subtree_member_count: current members of a unit and everything under it

Maintained on write (membership changes and moves), so the dashboard reads it instead of
summing a subtree on every request.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subtree_member_count", sa.Integer(), server_default="0", nullable=False)
        )
    op.execute(
        "UPDATE org_units SET subtree_member_count = ("
        " SELECT COALESCE(SUM(below.member_count), 0) FROM org_units AS below"
        " WHERE below.path LIKE org_units.path || '%' AND below.status = 'ACTIVE')"
        " WHERE status = 'ACTIVE'"
    )


def downgrade() -> None:
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.drop_column("subtree_member_count")
