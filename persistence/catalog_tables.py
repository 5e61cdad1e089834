"""Tables of the procedure catalog (002 Art. 5, 7): procedures, their versions, each
version's dossier components and chain of agencies."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from persistence.tables import metadata
from persistence.types import TextList, UTCDateTime

procedures = Table(
    "procedures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(500), nullable=False),
    Column("search_text", Text, nullable=False),
    Column("agency_unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("field", String(200), nullable=False),
    Column("field_key", String(200), nullable=False, index=True),
    Column("current_number", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

procedure_versions = Table(
    "procedure_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("procedure_id", ForeignKey("procedures.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("name", String(500), nullable=False),
    Column("agency_unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("field", String(200), nullable=False),
    Column("service_level", Integer, nullable=False),
    Column("processing_days", Integer, nullable=False),
    Column("steps", TextList, nullable=False),
    Column("methods", TextList, nullable=False),
    Column("target_subjects", TextList, nullable=False),
    Column("result", Text, nullable=False),
    Column("legal_basis", TextList, nullable=False),
    Column("place", Text, nullable=False),
    Column("hours", Text, nullable=False),
    Column("issuing_document", String(255), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("update_due_on", Date, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("fees", Text),
    Column("fee_amount", Integer),
    Column("requirements", Text),
    Column("recorded_by", ForeignKey("accounts.id")),
    UniqueConstraint("procedure_id", "number", name="uq_procedure_versions_number"),
)

procedure_components = Table(
    "procedure_components",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version_id", ForeignKey("procedure_versions.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", String(1000), nullable=False),
    Column("required", Boolean, nullable=False),
    Column("copies", Integer, nullable=False),
    Column("form", String(500)),
    Column("form_url", String(1000)),
)

procedure_agencies = Table(
    "procedure_agencies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version_id", ForeignKey("procedure_versions.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("task", String(500)),
    UniqueConstraint("version_id", "position", name="uq_procedure_agencies_position"),
)
