"""task statistics kept on write (cells per week and month, handling-time histograms);
periodic reports (types, rounds, submissions); work programs (programs, items, results);
the reporting schema of BI views (PostgreSQL)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
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
_OPEN = "state NOT IN ('COMPLETED', 'CANCELLED', 'ESCALATED')"
_COUNTERS = ("total", "done_on_time", "done_late", "done_no_deadline", "open_deadline", "open_no_deadline")


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("handling_tenths", sa.Integer(), nullable=True))
    op.create_index(
        "ix_tasks_open_deadline",
        "tasks",
        ["deadline", "lead_unit_id", "kind"],
        postgresql_where=sa.text(_OPEN),
        sqlite_where=sa.text(_OPEN),
    )
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
    _reports()
    _programs()
    if op.get_bind().dialect.name == "postgresql":
        from persistence.reporting_views import view_statements

        for statement in view_statements():
            op.execute(statement)
    op.create_index(
        "ix_task_stat_handling_unit", "task_stat_handling", ["unit_id", "grain", "bucket"]
    )
    # Existing tasks: their handling time on the default calendar, then every cell.
    from persistence.stats_rollup import backfill

    backfill(op.get_bind())


_PERIOD = sa.Enum(
    "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY", name="report_period", native_enum=False, length=40
)


def _reports() -> None:
    op.create_table(
        "report_types",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("period", _PERIOD, nullable=False),
        sa.Column("due_month", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("owner_unit_id", sa.Integer(), nullable=False),
        sa.Column("submitter_root_id", sa.Integer(), nullable=False),
        sa.Column("submitter_levels", sa.Text(), server_default="[]", nullable=False),
        sa.Column("figure_keys", sa.Text(), server_default="[]", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_unit_id"], ["org_units.id"], name=op.f("fk_report_types_owner_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["submitter_root_id"],
            ["org_units.id"],
            name=op.f("fk_report_types_submitter_root_id_org_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_types")),
        sa.UniqueConstraint("code", name=op.f("uq_report_types_code")),
    )
    op.create_table(
        "report_rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_type_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_type_id"],
            ["report_types.id"],
            name=op.f("fk_report_rounds_report_type_id_report_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_rounds")),
        sa.UniqueConstraint("report_type_id", "period", name="uq_report_rounds_type_period"),
    )
    op.create_table(
        "report_submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("figures", sa.Text(), server_default="{}", nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["report_rounds.id"], name=op.f("fk_report_submissions_round_id_report_rounds")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_report_submissions_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_submissions")),
        sa.UniqueConstraint("round_id", "unit_id", name="uq_report_submissions_round_unit"),
    )
    op.create_index("ix_report_submissions_unit", "report_submissions", ["unit_id"])


def _programs() -> None:
    op.create_table(
        "work_programs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("REGISTRATION", "COMPILED", name="program_kind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("period", _PERIOD, nullable=False),
        sa.Column("period_name", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "REGISTERED", "DRAFT", "ISSUED", name="program_state", native_enum=False, length=40
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("office_unit_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_work_programs_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["office_unit_id"],
            ["org_units.id"],
            name=op.f("fk_work_programs_office_unit_id_org_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_programs")),
    )
    op.create_index(
        "ix_work_programs_unit_period", "work_programs", ["unit_id", "kind", "period_name"]
    )
    op.create_table(
        "work_program_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("owner_unit_id", sa.Integer(), nullable=False),
        sa.Column("planned_period", sa.String(length=10), nullable=False),
        sa.Column("source_item_id", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["work_programs.id"],
            name=op.f("fk_work_program_items_program_id_work_programs"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_unit_id"],
            ["org_units.id"],
            name=op.f("fk_work_program_items_owner_unit_id_org_units"),
        ),
        sa.ForeignKeyConstraint(
            ["source_item_id"],
            ["work_program_items.id"],
            name=op.f("fk_work_program_items_source_item_id_work_program_items"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_work_program_items_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_program_items")),
    )
    op.create_index(
        "ix_work_program_items_program", "work_program_items", ["program_id", "position"]
    )
    op.create_table(
        "work_program_results",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DONE", "IN_PROGRESS", "NOT_STARTED", "DROPPED",
                name="item_status", native_enum=False, length=40,
            ),
            nullable=False,
        ),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_program_items.id"],
            name=op.f("fk_work_program_results_item_id_work_program_items"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_work_program_results_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_program_results")),
        sa.UniqueConstraint("item_id", "period", name="uq_work_program_results_item_period"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SCHEMA IF EXISTS reporting CASCADE")
    op.drop_table("work_program_results")
    op.drop_index("ix_work_program_items_program", table_name="work_program_items")
    op.drop_table("work_program_items")
    op.drop_index("ix_work_programs_unit_period", table_name="work_programs")
    op.drop_table("work_programs")
    op.drop_index("ix_report_submissions_unit", table_name="report_submissions")
    op.drop_table("report_submissions")
    op.drop_table("report_rounds")
    op.drop_table("report_types")
    op.drop_index("ix_task_stat_handling_unit", table_name="task_stat_handling")
    op.drop_table("task_stat_handling")
    op.drop_index("ix_task_stat_cells_unit", table_name="task_stat_cells")
    op.drop_table("task_stat_cells")
    op.drop_index("ix_tasks_open_deadline", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("handling_tenths")
