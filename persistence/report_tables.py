"""Tables of periodic reports (report types, rounds, submissions)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from domain.tasks.model import Period
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

report_types = Table(
    "report_types",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("period", _enum(Period, "report_period"), nullable=False),
    Column("due_month", Integer, nullable=False),
    Column("due_day", Integer, nullable=False),
    Column("owner_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("submitter_root_id", ForeignKey("org_units.id"), nullable=False),
    Column("submitter_levels", Text, nullable=False, server_default="[]"),
    Column("figure_keys", Text, nullable=False, server_default="[]"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

report_rounds = Table(
    "report_rounds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_type_id", ForeignKey("report_types.id"), nullable=False),
    Column("period", String(10), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    Column("closed_by", Integer),
    Column("version", Integer, nullable=False),
    UniqueConstraint("report_type_id", "period", name="uq_report_rounds_type_period"),
)

report_submissions = Table(
    "report_submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", ForeignKey("report_rounds.id"), nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("figures", Text, nullable=False, server_default="{}"),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("submitted_by", Integer),
    Column("late", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("round_id", "unit_id", name="uq_report_submissions_round_unit"),
    Index("ix_report_submissions_unit", "unit_id"),
)
