"""Tables of applicant accounts (002 Art. 10, 14): the profile linked to a CITIZEN account,
the account office's requests, and the messages owed to applicants (email, SMS)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text

from domain.applicants.model import (
    ApplicantKind,
    ApplicantStatus,
    MessageKind,
    RequestKind,
    RequestStatus,
    VerifyChannel,
)
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

applicants = Table(
    "applicants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, unique=True),
    Column("kind", _enum(ApplicantKind, "applicant_kind"), nullable=False),
    Column("status", _enum(ApplicantStatus, "applicant_status"), nullable=False),
    Column("full_name", String(255), nullable=False),
    Column("search_name", String(255), nullable=False),
    Column("identity_number", String(20), nullable=False),
    Column("address", String(500), nullable=False),
    Column("email", String(254)),
    Column("phone", String(20)),
    Column("verify_channel", _enum(VerifyChannel, "verify_channel"), nullable=False),
    Column("registered_at", UTCDateTime, nullable=False),
    Column("date_of_birth", Date),
    Column("representative", String(255)),
    Column("code_hash", String(64)),
    Column("code_sent_at", UTCDateTime),
    Column("code_attempts", Integer, nullable=False),
    Column("verified_at", UTCDateTime),
    Column("approved_at", UTCDateTime),
    Column("status_changed_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    # the scheduler's sweep of unverified registrations, oldest first
    Index("ix_applicants_status_registered", "status", "registered_at"),
)

applicant_requests = Table(
    "applicant_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("applicant_id", ForeignKey("applicants.id"), nullable=False, index=True),
    Column("kind", _enum(RequestKind, "applicant_request_kind"), nullable=False),
    Column("status", _enum(RequestStatus, "applicant_request_status"), nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("reason", Text),
    Column("changes", Text),
    Column("decided_at", UTCDateTime),
    Column("decided_by", ForeignKey("accounts.id")),
    Column("note", Text),
    Column("version", Integer, nullable=False),
    # the office's queue: open requests, the one due first at the top
    Index("ix_applicant_requests_queue", "status", "due_at", "id"),
)

applicant_messages = Table(
    "applicant_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("applicant_id", ForeignKey("applicants.id"), nullable=False, index=True),
    Column("kind", _enum(MessageKind, "applicant_message_kind"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("secret", String(12)),  # a verification code, wiped once sent or given up
    Column("request_id", ForeignKey("applicant_requests.id")),
    Column("dispatched_at", UTCDateTime),
    # at-least-once delivery (domain.notifications.delivery), as reporter messages
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_try_at", UTCDateTime),
    Column("sent_channels", String(40), nullable=False, server_default=""),
    Column("dead_at", UTCDateTime),
    Index("ix_applicant_messages_dispatch", "dispatched_at", "id"),
)
