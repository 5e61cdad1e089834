"""Tables of the task chain and the province's declared calendar days."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from domain.calendar import DayKind
from domain.tasks.model import (
    AssigneeRole,
    DirectiveType,
    Period,
    PetitionLevel,
    Priority,
    TaskKind,
    TaskState,
    TrackerRole,
    UnitRole,
)
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

directives = Table(
    "directives",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_type", _enum(DirectiveType, "directive_type"), nullable=False),
    Column("number_symbol", String(60), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issuer", String(255), nullable=False),
    Column("summary", Text, nullable=False),
    Column("office_unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("received_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Integer),
    Column("attachments", Text, nullable=False, server_default="[]"),
    Column("version", Integer, nullable=False),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("directive_id", ForeignKey("directives.id"), index=True),
    Column("kind", _enum(TaskKind, "task_kind"), nullable=False),
    Column("content", Text, nullable=False),
    Column("office_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("lead_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Integer),
    Column("state", _enum(TaskState, "task_state"), nullable=False),
    Column("priority", _enum(Priority, "priority"), nullable=False),
    Column("deadline", UTCDateTime),
    # VARCHAR(20) as migrated (no constraint); loads back as a Period, not a plain str
    Column(
        "period", Enum(Period, name="period", native_enum=False, length=20, validate_strings=True)
    ),
    Column("sent_at", UTCDateTime),
    Column("entry_due", UTCDateTime),
    Column("entry_late", Boolean, nullable=False),
    Column("completed_at", UTCDateTime),
    Column("petition_level", _enum(PetitionLevel, "petition_level")),
    Column("hard_case", Boolean, nullable=False),
    Column("search_text", Text, nullable=False, server_default=""),
    Column("escalated_from_id", ForeignKey("tasks.id")),
    Column("escalated_to_id", ForeignKey("tasks.id")),
    Column("version", Integer, nullable=False),
    Index("ix_tasks_office_state_deadline_id", "office_unit_id", "state", "deadline", "id"),
    Index("ix_tasks_lead_state_deadline_id", "lead_unit_id", "state", "deadline", "id"),
    Index(
        "ix_tasks_state_deadline_id_units",
        "state",
        "deadline",
        "id",
        "office_unit_id",
        "lead_unit_id",
    ),
    Index("ix_tasks_deadline_id", "deadline", "id"),
)

task_units = Table(
    "task_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("role", _enum(UnitRole, "task_unit_role"), nullable=False),
    UniqueConstraint("task_id", "unit_id", name="uq_task_units_task_unit"),
    Index("ix_task_units_unit_task", "unit_id", "task_id"),
)

task_trackers = Table(
    "task_trackers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False, index=True),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("role", _enum(TrackerRole, "tracker_role"), nullable=False),
    Index("ix_task_trackers_person_task", "person_id", "task_id"),
)

task_assignees = Table(
    "task_assignees",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False, index=True),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("role", _enum(AssigneeRole, "assignee_role"), nullable=False),
    Index("ix_task_assignees_person_task", "person_id", "task_id"),
)

task_events = Table(
    "task_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False),
    Column("action", String(40), nullable=False),
    Column("from_state", _enum(TaskState, "task_state")),
    Column("to_state", _enum(TaskState, "task_state"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor_account_id", Integer),
    Column("actor_person_id", Integer),
    Column("note", Text, nullable=False, server_default=""),
    Index("ix_task_events_task_at", "task_id", "at", "id"),
)

task_progress = Table(
    "task_progress",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False, index=True),
    Column("content", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("author_account_id", Integer),
    Column("delay_reason", Text),
    Column("proposals", Text),
    Column("extension_until", UTCDateTime),
    Column("extension_decision", String(20)),
    Column("decided_at", UTCDateTime),
    Index(
        "ix_task_progress_pending",
        "task_id",
        postgresql_where=text("extension_until IS NOT NULL AND extension_decision IS NULL"),
        sqlite_where=text("extension_until IS NOT NULL AND extension_decision IS NULL"),
    ),
)

task_responses = Table(
    "task_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False, unique=True),
    Column("content", Text, nullable=False),
    Column("drafted_at", UTCDateTime, nullable=False),
    Column("drafted_by", Integer),
    Column("approved_at", UTCDateTime),
    Column("approved_by", Integer),
    Column("reply_number", String(60)),
    Column("reply_date", Date),
    Column("recorded_at", UTCDateTime),
    Column("recorded_late", Boolean, nullable=False),
)

calendar_days = Table(
    "calendar_days",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("date", Date, nullable=False, unique=True),
    Column("kind", _enum(DayKind, "day_kind"), nullable=False),
    Column("reason", String(255), nullable=False, server_default=""),
)
