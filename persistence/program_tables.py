"""Tables of work programs (programs, items, results)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from domain.programs.model import ItemStatus, ProgramKind, ProgramState
from domain.tasks.model import Period
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

work_programs = Table(
    "work_programs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("kind", _enum(ProgramKind, "program_kind"), nullable=False),
    Column("period", _enum(Period, "report_period"), nullable=False),
    Column("period_name", String(10), nullable=False),
    Column("title", String(255), nullable=False),
    Column("state", _enum(ProgramState, "program_state"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Integer),
    Column("office_unit_id", ForeignKey("org_units.id")),
    Column("issued_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    Index("ix_work_programs_unit_period", "unit_id", "kind", "period_name"),
)

work_program_items = Table(
    "work_program_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("program_id", ForeignKey("work_programs.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("owner_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("planned_period", String(10), nullable=False),
    Column("source_item_id", ForeignKey("work_program_items.id")),
    Column("task_id", ForeignKey("tasks.id")),
    Column("version", Integer, nullable=False),
    Index("ix_work_program_items_program", "program_id", "position"),
)

work_program_results = Table(
    "work_program_results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", ForeignKey("work_program_items.id"), nullable=False),
    Column("period", String(10), nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("status", _enum(ItemStatus, "item_status"), nullable=False),
    Column("result", Text, nullable=False),
    Column("reported_at", UTCDateTime, nullable=False),
    Column("reported_by", Integer),
    Column("version", Integer, nullable=False),
    UniqueConstraint("item_id", "period", name="uq_work_program_results_item_period"),
)
