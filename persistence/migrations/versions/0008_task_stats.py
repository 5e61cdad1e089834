"""task statistics kept on write: cells per week and month, handling-time histograms

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GRAIN = sa.Enum("WEEK", "MONTH", "QUARTER", "YEAR", name="stat_grain", native_enum=False, length=40)
_KIND = sa.Enum(
    "DIRECTIVE",
    "PRESS_INCIDENT",
    "CITIZEN_QUESTION",
    "VOTER_PETITION",
    "WORK_PROGRAM_ITEM",
    name="task_kind",
    native_enum=False,
    length=40,
)
_COUNTERS = ("total", "done_on_time", "done_late", "done_no_deadline", "open_deadline", "open_no_deadline")


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("handling_tenths", sa.Integer(), nullable=True))
    op.create_table(
        "task_stat_cells",
        sa.Column("grain", _GRAIN, nullable=False),
        sa.Column("bucket", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", _KIND, nullable=False),
        *(sa.Column(c, sa.Integer(), server_default="0", nullable=False) for c in _COUNTERS),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_task_stat_cells_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("grain", "bucket", "unit_id", "kind", name="pk_task_stat_cells"),
    )
    op.create_index("ix_task_stat_cells_unit", "task_stat_cells", ["unit_id", "grain", "bucket"])
    op.create_table(
        "task_stat_handling",
        sa.Column("grain", _GRAIN, nullable=False),
        sa.Column("bucket", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", _KIND, nullable=False),
        sa.Column("tenths", sa.Integer(), nullable=False),
        sa.Column("tasks", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_task_stat_handling_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint(
            "grain", "bucket", "unit_id", "kind", "tenths", name="pk_task_stat_handling"
        ),
    )
    # Existing tasks: their handling time on the default calendar, then every cell.
    from persistence.stats_rollup import backfill

    backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table("task_stat_handling")
    op.drop_index("ix_task_stat_cells_unit", table_name="task_stat_cells")
    op.drop_table("task_stat_cells")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("handling_tenths")
