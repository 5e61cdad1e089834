"""Tables of the outbox: notification events and the per-person inbox rows."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from domain.notifications.model import NotificationKind, SubjectType
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

notification_events = Table(
    "notification_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", _enum(NotificationKind, "notification_kind"), nullable=False),
    Column("subject_type", _enum(SubjectType, "subject_type"), nullable=False),
    Column("subject_id", Integer, nullable=False),
    Column("unit_id", ForeignKey("org_units.id")),
    Column("unit_path", String(500)),
    Column("summary", Text, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("threshold", String(40)),
    Column("due_at", UTCDateTime),
    # timed events happen once per subject, kind, threshold and due time (the backstop of
    # the scheduler's row locks); step events leave threshold NULL and never collide
    UniqueConstraint(
        "subject_type", "subject_id", "kind", "threshold", "due_at", name="uq_notification_once"
    ),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ForeignKey("notification_events.id"), nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False),
    Column("kind", _enum(NotificationKind, "notification_kind"), nullable=False),
    Column("subject_type", _enum(SubjectType, "subject_type"), nullable=False),
    Column("subject_id", Integer, nullable=False),
    Column("unit_id", Integer),
    Column("summary", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("read_at", UTCDateTime),
    Column("dispatched_at", UTCDateTime),  # finished: delivered everywhere, or dead
    # at-least-once delivery (domain.notifications.delivery): tries, the next one (also the
    # lease of a try under way), channels delivered, given up
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_try_at", UTCDateTime),
    Column("sent_channels", String(40), nullable=False, server_default=""),
    Column("dead_at", UTCDateTime),
    Index("ix_notifications_person_id", "person_id", "id"),
    Index("ix_notifications_person_unread", "person_id", "read_at", "id"),
    Index("ix_notifications_dispatch", "dispatched_at", "id"),
)
