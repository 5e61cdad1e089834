"""Tables of the field reports: catalog, commune points, focal persons, reports, agencies'
parts, events and follow-up questions."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from domain.reflections.model import (
    AssignmentState,
    CancelReason,
    Channel,
    Rating,
    ReflectionPriority,
    ReflectionState,
    ReporterKind,
    SlaStep,
)
from persistence.tables import _enum, metadata
from persistence.types import IdList, UTCDateTime

reflection_categories = Table(
    "reflection_categories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("sensitive", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
)

reflection_category_agencies = Table(
    "reflection_category_agencies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("category_id", ForeignKey("reflection_categories.id"), nullable=False, index=True),
    Column("agency_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("area_unit_id", ForeignKey("org_units.id")),
)

commune_points = Table(
    "commune_points",
    metadata,
    Column("unit_id", ForeignKey("org_units.id"), primary_key=True, autoincrement=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
)

reflection_focals = Table(
    "reflection_focals",
    metadata,
    Column("agency_unit_id", ForeignKey("org_units.id"), primary_key=True, autoincrement=False),
    Column("leader_person_id", ForeignKey("persons.id")),
    Column("handler_person_id", ForeignKey("persons.id")),
    Column("updated_at", UTCDateTime, nullable=False),
)

OPEN_REPORTS = (
    "state IN ('SUBMITTED', 'VERIFYING', 'AWAITING_EDIT', 'COORDINATING', 'ADVISED', "
    "'IN_HANDLING', 'RETURNED', 'HANDLED', 'AWAITING_AGREEMENT', 'AGREED')"
)
"""domain.reflections.workflow.OPEN_STATES as SQL (partial indexes match this text)."""

reflections = Table(
    "reflections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", _enum(Channel, "reflection_channel"), nullable=False),
    Column("content", Text, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("address", String(500), nullable=False),
    Column("commune_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("reporter_name", String(255), nullable=False),
    Column("reporter_phone", String(20), nullable=False),
    Column("reporter_email", String(254), nullable=False),
    Column("reporter_kind", _enum(ReporterKind, "reporter_kind"), nullable=False),
    Column("reporter_account_id", ForeignKey("accounts.id")),
    Column("consent_contact", Boolean, nullable=False),
    Column("secrecy_requested", Boolean, nullable=False),
    Column("is_public", Boolean, nullable=False),
    Column("priority", _enum(ReflectionPriority, "reflection_priority"), nullable=False),
    Column("sensitive", Boolean, nullable=False),
    Column("coordinating_unit_id", ForeignKey("org_units.id")),
    # the competent agencies the coordinating agency named (sensitive flow, 001 Art. 11.2)
    Column("advised_agency_ids", IdList, nullable=False, server_default="[]"),
    Column("category_id", ForeignKey("reflection_categories.id")),
    Column("media", Text, nullable=False, server_default="[]"),
    Column("state", _enum(ReflectionState, "reflection_state"), nullable=False),
    Column("step", _enum(SlaStep, "reflection_step")),
    Column("step_due", UTCDateTime),
    Column("published_at", UTCDateTime),
    Column("result", Text),
    Column("rating", _enum(Rating, "reflection_rating")),
    Column("rated_at", UTCDateTime),
    Column("cancel_reason", _enum(CancelReason, "reflection_cancel_reason")),
    Column("tracking_hash", String(64), unique=True),
    Column("search_text", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False),
    # the public list: published, newest first
    Index("ix_reflections_state_published", "state", "published_at", "id"),
    # staff lists and overdue: by state and due, by commune, by category, by date
    Index("ix_reflections_state_due", "state", "step_due"),
    Index("ix_reflections_commune_submitted", "commune_unit_id", "submitted_at"),
    Index("ix_reflections_category_submitted", "category_id", "submitted_at"),
    Index("ix_reflections_submitted_id", "submitted_at", "id"),
    Index("ix_reflections_reporter_phone", "reporter_phone", "submitted_at"),
    Index("ix_reflections_reporter_account", "reporter_account_id"),
    # field-report statistics: the open reports of a period, for steps past due now
    Index(
        "ix_reflections_open_submitted",
        "submitted_at",
        "step_due",
        postgresql_where=text(OPEN_REPORTS),
        sqlite_where=text(OPEN_REPORTS),
    ),
)

OPEN_PARTS = "state IN ('ASSIGNED', 'ACCEPTED', 'RESULT_SUBMITTED')"
OPEN_QUESTIONS = "answered_at IS NULL"

reflection_assignments = Table(
    "reflection_assignments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reflection_id", ForeignKey("reflections.id"), nullable=False),
    Column("agency_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("state", _enum(AssignmentState, "reflection_assignment_state"), nullable=False),
    Column("assigned_at", UTCDateTime, nullable=False),
    Column("due_at", UTCDateTime),
    Column("step", _enum(SlaStep, "reflection_step")),
    Column("accepted_at", UTCDateTime),
    Column("handle_due", UTCDateTime),
    Column("return_due", UTCDateTime),
    Column("result", Text),
    Column("result_at", UTCDateTime),
    Column("approved_at", UTCDateTime),
    Column("approved_by", Integer),
    Column("suggested_unit_id", ForeignKey("org_units.id")),
    Column("note", Text, nullable=False, server_default=""),
    UniqueConstraint("reflection_id", "agency_unit_id", name="uq_reflection_assignments_agency"),
    Index("ix_reflection_assignments_agency", "agency_unit_id", "state"),
    # an agency's work queue: its open parts by due time (a partial index: open parts only)
    Index(
        "ix_reflection_assignments_open_queue",
        "agency_unit_id",
        "due_at",
        "id",
        postgresql_where=text(OPEN_PARTS),
        sqlite_where=text(OPEN_PARTS),
    ),
    # the deadline scheduler: open parts of every agency by due time (migration 0011)
    Index(
        "ix_reflection_assignments_open_due",
        "due_at",
        "id",
        postgresql_where=text(OPEN_PARTS),
        sqlite_where=text(OPEN_PARTS),
    ),
)

reflection_events = Table(
    "reflection_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reflection_id", ForeignKey("reflections.id"), nullable=False, index=True),
    Column("action", String(40), nullable=False),
    Column("from_state", _enum(ReflectionState, "reflection_state")),
    Column("to_state", _enum(ReflectionState, "reflection_state"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor_account_id", Integer),
    Column("agency_unit_id", ForeignKey("org_units.id")),
    Column("step", _enum(SlaStep, "reflection_step")),
    Column("due_at", UTCDateTime),
    Column("breached", Boolean, nullable=False),
    Column("public", Boolean, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
)

reflection_questions = Table(
    "reflection_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reflection_id", ForeignKey("reflections.id"), nullable=False, index=True),
    Column("question", Text, nullable=False),
    Column("asked_at", UTCDateTime, nullable=False),
    Column("answer_due", UTCDateTime, nullable=False),
    Column("answer", Text),
    Column("answered_at", UTCDateTime),
    Column("answered_by_unit_id", ForeignKey("org_units.id")),
    Index(
        "ix_reflection_questions_open_due",
        "answer_due",
        "id",
        postgresql_where=text(OPEN_QUESTIONS),
        sqlite_where=text(OPEN_QUESTIONS),
    ),
)
