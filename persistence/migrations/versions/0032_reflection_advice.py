"""reflection advice: the competent agencies a coordinating agency names (001 Art. 11.2)

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "reflections",
        sa.Column("advised_agency_ids", sa.Text(), nullable=False, server_default="[]"),
    )


def downgrade() -> None:
    with op.batch_alter_table("reflections") as batch:  # SQLite rebuilds the table
        batch.drop_column("advised_agency_ids")
