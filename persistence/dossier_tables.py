"""Tables of the dossiers (002 Art. 8, 11-13 and the Annex): the dossier, its files, its
step log, requests to complete or supplement it, apology letters, overdue notices, the
survey, the agencies' registers of results and the messages owed to applicants."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    text,
)

from domain.dossiers.model import (
    DeliveryMethod,
    DossierMessageKind,
    DossierState,
    GuidanceStage,
    PaymentMethod,
    ResultKind,
    StatusClass,
    SubmissionChannel,
)
from persistence.tables import _enum, metadata
from persistence.types import IdList, SignatureRecord, UTCDateTime

OPEN_DUE = "due_at IS NOT NULL"

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("procedure_id", ForeignKey("procedures.id"), nullable=False, index=True),
    Column("procedure_version_id", ForeignKey("procedure_versions.id"), nullable=False),
    Column("applicant_account_id", ForeignKey("accounts.id"), nullable=False),
    Column("agency_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("holder_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("holder_person_id", ForeignKey("persons.id")),
    Column("chain_index", Integer, nullable=False),
    Column("tracking_code", String(24), nullable=False, unique=True),
    Column("channel", _enum(SubmissionChannel, "dossier_channel"), nullable=False),
    Column("payment", _enum(PaymentMethod, "dossier_payment"), nullable=False),
    Column("delivery", _enum(DeliveryMethod, "dossier_delivery"), nullable=False),
    Column("delivery_address", String(500)),
    Column("state", _enum(DossierState, "dossier_state"), nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("reception_due", UTCDateTime, nullable=False),
    Column("processing_days", Integer, nullable=False),
    Column("received_at", UTCDateTime),
    Column("processing_due", UTCDateTime),
    Column("due_at", UTCDateTime),  # the running limit; null once done or withdrawn
    Column("paused_at", UTCDateTime),
    Column("paused_minutes", Integer, nullable=False),
    Column("refusals", Integer, nullable=False),
    Column("supplement_requests", Integer, nullable=False),
    Column("apology_pending", _enum(GuidanceStage, "guidance_stage")),
    Column("promised_at", UTCDateTime),
    Column("result_kind", _enum(ResultKind, "dossier_result_kind")),
    Column("result_number", String(60)),
    Column("result_upload_key", String(64)),
    Column("finished_at", UTCDateTime),
    Column("finish_class", _enum(StatusClass, "dossier_status_class")),
    Column("delivered_at", UTCDateTime),
    Column("rated", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    # the desk's queue: its agency's dossiers in a state, by the running limit
    Index("ix_dossiers_agency_queue", "agency_unit_id", "state", "due_at", "id"),
    # the holder agency's queue (leaders, clerks) and a specialist's own
    Index("ix_dossiers_holder_queue", "holder_unit_id", "state", "due_at", "id"),
    Index(
        "ix_dossiers_holder_person",
        "holder_person_id",
        "state",
        postgresql_where=text("holder_person_id IS NOT NULL"),
        sqlite_where=text("holder_person_id IS NOT NULL"),
    ),
    # an applicant's own, newest first
    Index("ix_dossiers_applicant", "applicant_account_id", "submitted_at"),
    # the scheduler's warnings and overdue notices: open dossiers by their running limit
    Index(
        "ix_dossiers_open_due",
        "due_at",
        postgresql_where=text(OPEN_DUE),
        sqlite_where=text(OPEN_DUE),
    ),
)

dossier_components = Table(
    "dossier_components",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False, index=True),
    Column("component_id", ForeignKey("procedure_components.id"), nullable=False),
    Column("upload_key", String(64), nullable=False),
    Column("file_name", String(255)),
    Column("mime_type", String(100), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("round", Integer, nullable=False),
    Column("signature", SignatureRecord),
)

dossier_steps = Table(
    "dossier_steps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False),
    Column("action", String(40), nullable=False),
    Column("from_state", _enum(DossierState, "dossier_state")),
    Column("to_state", _enum(DossierState, "dossier_state"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor_account_id", ForeignKey("accounts.id")),
    Column("unit_id", ForeignKey("org_units.id")),
    Column("note", Text, nullable=False),
    Column("due_at", UTCDateTime),
    Column("breached", Boolean, nullable=False),
    Index("ix_dossier_steps_dossier", "dossier_id", "at", "id"),
)

dossier_supplements = Table(
    "dossier_supplements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False, index=True),
    Column("stage", _enum(GuidanceStage, "guidance_stage"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("guidance", Text, nullable=False),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("requested_by", ForeignKey("accounts.id")),
    Column("missing_components", IdList, nullable=False),
    Column("staff_at_fault", Boolean, nullable=False),
    Column("answered_at", UTCDateTime),
)

dossier_apologies = Table(
    "dossier_apologies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False, index=True),
    Column("stage", _enum(GuidanceStage, "guidance_stage"), nullable=False),
    Column("issued_at", UTCDateTime, nullable=False),
    Column("issued_by", ForeignKey("accounts.id")),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("text", Text, nullable=False),
)

dossier_notices = Table(
    "dossier_notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False, index=True),
    Column("issued_at", UTCDateTime, nullable=False),
    Column("issued_by", ForeignKey("accounts.id")),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("new_due", UTCDateTime, nullable=False),
)

dossier_surveys = Table(
    "dossier_surveys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False, unique=True),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("guidance_clarity", Integer),
    Column("form_accuracy", Integer),
    Column("convenience", Integer),
    Column("processing_ability", Integer),
    Column("processing_time", Integer),
    Column("staff_attitude", Integer),
    Column("online_result", Integer),
    Column("online_payment", Integer),
    Column("comment", Text, nullable=False),
)

dossier_registers = Table(
    "dossier_registers",
    metadata,
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("last_number", Integer, nullable=False),
    PrimaryKeyConstraint("unit_id", "year", name="pk_dossier_registers"),
)

dossier_messages = Table(
    "dossier_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", ForeignKey("dossiers.id"), nullable=False, index=True),
    Column("kind", _enum(DossierMessageKind, "dossier_message_kind"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("step_id", ForeignKey("dossier_steps.id")),
    Column("dispatched_at", UTCDateTime),
    # at-least-once delivery (domain.notifications.delivery), as reporter_messages
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_try_at", UTCDateTime),
    Column("sent_channels", String(40), nullable=False, server_default=""),
    Column("dead_at", UTCDateTime),
    Index("ix_dossier_messages_dispatch", "dispatched_at", "id"),
)
