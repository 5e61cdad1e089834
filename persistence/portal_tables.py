"""Tables of periodic task occurrences, the daily press digest and citizen questions."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from domain.tasks.periods import OccurrenceState
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

task_occurrences = Table(
    "task_occurrences",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", ForeignKey("tasks.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("due", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("state", _enum(OccurrenceState, "occurrence_state"), nullable=False),
    Column("progress_percent", Integer, nullable=False),
    Column("report", Text),
    Column("reported_at", UTCDateTime),
    Column("reported_by", Integer),
    Column("done_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    UniqueConstraint("task_id", "seq", name="uq_task_occurrences_task_seq"),
)

press_digests = Table(
    "press_digests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("office_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("digest_date", Date, nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime, nullable=False),
    Column("published_by", Integer),
    Column("published_late", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("office_unit_id", "digest_date", name="uq_press_digests_office_date"),
    Index("ix_press_digests_date_id", "digest_date", "id"),
)

press_items = Table(
    "press_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest_id", ForeignKey("press_digests.id"), nullable=False, index=True),
    Column("headline", String(500), nullable=False),
    Column("outlet", String(255), nullable=False),
    Column("summary", Text, nullable=False),
    Column("url", String(1000)),
    Column("article_date", Date),
    Column("task_id", ForeignKey("tasks.id"), unique=True),
    Column("forwarded_at", UTCDateTime),
    Column("forwarded_by", Integer),
    Column("version", Integer, nullable=False),
)

citizen_questions = Table(
    "citizen_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("office_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("title", String(500), nullable=False),
    Column("question", Text, nullable=False),
    Column("asker_name", String(255), nullable=False),
    Column("asker_email", String(255)),
    Column("asker_phone", String(40)),
    Column("asker_address", String(500)),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("intake_at", UTCDateTime, nullable=False),
    Column("forward_due", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Integer),
    Column("search_text", Text, nullable=False, server_default=""),
    Column("task_id", ForeignKey("tasks.id"), unique=True),
    Column("forwarded_at", UTCDateTime),
    Column("forwarded_late", Boolean, nullable=False),
    Column("answer", Text),
    Column("answered_unit_id", ForeignKey("org_units.id")),
    Column("published_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    Index("ix_citizen_questions_office_intake", "office_unit_id", "intake_at", "id"),
    Index("ix_citizen_questions_published", "published_at", "id"),
)
