"""field-report statistics kept on write (cells per day, week and month, on the area and
agency sides; on-time and late steps); reporting views of field reports (PostgreSQL)

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=40)


_KEYS = ("grain", "bucket", "side", "unit_id", "commune_unit_id", "category_id", "channel")
_COUNTERS = (
    "received",
    "handled",
    "open",
    "returned",
    "secret",
    "cancelled_duplicate",
    "cancelled_unclear_or_test",
    "cancelled_verification_failed",
    "cancelled_edit_not_made",
    "rated_satisfied",
    "rated_acceptable",
    "rated_unsatisfied",
)
_STEPS = (
    "INTAKE",
    "COORDINATION",
    "ACCEPT",
    "HANDLE",
    "RETURN",
    "APPROVE",
    "PUBLISH",
    "AGREEMENT",
    "ANSWER",
    "VERIFICATION",
    "EDIT",
)


_OPEN = (
    "state IN ('SUBMITTED', 'VERIFYING', 'AWAITING_EDIT', 'COORDINATING', 'ADVISED', "
    "'IN_HANDLING', 'RETURNED', 'HANDLED', 'AWAITING_AGREEMENT', 'AGREED')"
)


def _keys() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("grain", _enum("stat_grain", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"), nullable=False),
        sa.Column("bucket", sa.Date(), nullable=False),
        sa.Column("side", _enum("reflection_stat_side", "AREA", "AGENCY"), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("commune_unit_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            _enum("reflection_channel", "APP", "PORTAL", "HOTLINE", "FACEBOOK", "ZALO", "EMAIL"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "reflection_stat_cells",
        *_keys(),
        *(sa.Column(c, sa.Integer(), server_default="0", nullable=False) for c in _COUNTERS),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_reflection_stat_cells_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint(*_KEYS, name="pk_reflection_stat_cells"),
    )
    op.create_index(
        "ix_reflection_stat_cells_unit",
        "reflection_stat_cells",
        ["unit_id", "side", "grain", "bucket"],
    )
    op.create_table(
        "reflection_stat_steps",
        *_keys(),
        sa.Column("step", _enum("reflection_step", *_STEPS), nullable=False),
        sa.Column("on_time", sa.Integer(), server_default="0", nullable=False),
        sa.Column("late", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_reflection_stat_steps_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint(*_KEYS, "step", name="pk_reflection_stat_steps"),
    )
    op.create_index(
        "ix_reflection_stat_steps_unit",
        "reflection_stat_steps",
        ["unit_id", "side", "grain", "bucket"],
    )
    op.create_index(
        "ix_reflections_open_submitted",
        "reflections",
        ["submitted_at", "step_due"],
        postgresql_where=sa.text(_OPEN),
        sqlite_where=sa.text(_OPEN),
    )
    if op.get_bind().dialect.name == "postgresql":
        from persistence.reporting_reflection_views import REFLECTION_VIEWS
        from persistence.reporting_views import view_statements

        for statement in view_statements(views=REFLECTION_VIEWS):
            op.execute(statement)
    # Existing reports: every cell.
    from persistence.reflection_stats_rollup import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from persistence.reporting_reflection_views import REFLECTION_VIEWS

        for view in REFLECTION_VIEWS:
            op.execute(f"DROP VIEW IF EXISTS reporting.{view}")
    op.drop_index("ix_reflections_open_submitted", table_name="reflections")
    op.drop_table("reflection_stat_steps")
    op.drop_table("reflection_stat_cells")
