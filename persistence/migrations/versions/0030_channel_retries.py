"""channel retries: email, SMS and push delivered at least once (tries, next try, channels
delivered, dead letters) for inbox rows and reporter messages

Revision ID: 0030
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("notifications", "reporter_messages")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
            )
            batch.add_column(sa.Column("next_try_at", sa.DateTime(timezone=True)))
            batch.add_column(
                sa.Column("sent_channels", sa.String(40), nullable=False, server_default="")
            )
            batch.add_column(sa.Column("dead_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("dead_at")
            batch.drop_column("sent_channels")
            batch.drop_column("next_try_at")
            batch.drop_column("attempts")
