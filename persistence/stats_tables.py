"""Tables of the task statistics kept on write (domain.stats.rollup)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, PrimaryKeyConstraint, Table

from domain.stats.periods import Grain
from domain.tasks.model import TaskKind
from persistence.tables import _enum, metadata

task_stat_cells = Table(
    "task_stat_cells",
    metadata,
    Column("grain", _enum(Grain, "stat_grain"), nullable=False),
    Column("bucket", Date, nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("kind", _enum(TaskKind, "task_kind"), nullable=False),
    Column("total", Integer, nullable=False, server_default="0"),
    Column("done_on_time", Integer, nullable=False, server_default="0"),
    Column("done_late", Integer, nullable=False, server_default="0"),
    Column("done_no_deadline", Integer, nullable=False, server_default="0"),
    Column("open_deadline", Integer, nullable=False, server_default="0"),
    Column("open_no_deadline", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("grain", "bucket", "unit_id", "kind", name="pk_task_stat_cells"),
    Index("ix_task_stat_cells_unit", "unit_id", "grain", "bucket"),
)

task_stat_handling = Table(
    "task_stat_handling",
    metadata,
    Column("grain", _enum(Grain, "stat_grain"), nullable=False),
    Column("bucket", Date, nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("kind", _enum(TaskKind, "task_kind"), nullable=False),
    Column("tenths", Integer, nullable=False),
    Column("tasks", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint(
        "grain", "bucket", "unit_id", "kind", "tenths", name="pk_task_stat_handling"
    ),
    # a subtree's units joined first (generic plans of prepared statements nest-loop on it)
    Index("ix_task_stat_handling_unit", "unit_id", "grain", "bucket"),
)
