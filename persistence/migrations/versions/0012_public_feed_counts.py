"""public feed: counts per UTC day (all, per category, per commune, per both) kept on write, and a partial index of
the feed in published order (PostgreSQL)

`publicReflections.totalCount` sums the cells of `reflection_feed_days`
(persistence/reflection_feed.py) instead of counting the published reports; the cells are
filled from the reports already stored. On PostgreSQL the list itself reads
`ix_reflections_public_feed`, which holds only published, public, non-secret reports.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from persistence import reflection_feed

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FEED = sa.text("state = 'PUBLISHED' AND is_public AND NOT secrecy_requested")


def upgrade() -> None:
    op.create_table(
        "reflection_feed_days",
        sa.Column("commune_unit_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("commune_unit_id", "category_id", "day"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_reflections_public_feed",
            "reflections",
            ["published_at", "id"],
            postgresql_where=FEED,
        )
    reflection_feed.rebuild(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_reflections_public_feed", table_name="reflections")
    op.drop_table("reflection_feed_days")
