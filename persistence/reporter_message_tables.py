"""Messages owed to field reports' reporters (email and SMS). No address and no text here:
the sender reads them from the report when it sends."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table

from domain.notifications.model import ReporterMessageKind
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

reporter_messages = Table(
    "reporter_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reflection_id", ForeignKey("reflections.id"), nullable=False, index=True),
    Column("kind", _enum(ReporterMessageKind, "reporter_message_kind"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("dispatched_at", UTCDateTime),  # finished: delivered everywhere, or dead
    # at-least-once delivery (domain.notifications.delivery): tries, the next one (also the
    # lease of a try under way), channels delivered, given up
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_try_at", UTCDateTime),
    Column("sent_channels", String(40), nullable=False, server_default=""),
    Column("dead_at", UTCDateTime),
    Column("question_id", ForeignKey("reflection_questions.id")),  # ANSWER: the question
    # the sender's claim: undispatched first, in order
    Index("ix_reporter_messages_dispatch", "dispatched_at", "id"),
)
