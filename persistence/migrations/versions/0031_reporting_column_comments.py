"""reporting column comments: every column of the reporting views described in Vietnamese and
English (PostgreSQL)

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> list[tuple[str, str]]:
    from persistence.reporting_comments import COLUMNS

    return [(row[0], row[1]) for row in op.get_bind().execute(text(COLUMNS))]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from persistence.reporting_comments import comment_statements

    for statement in comment_statements(_columns()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from persistence.reporting_comments import uncomment_statements

    for statement in uncomment_statements(_columns()):
        op.execute(statement)
