"""The media store's record of uploaded photos, videos and documents (files in MEDIA_DIR,
by key)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, text

from domain.reflections.model import MediaKind
from persistence.tables import _enum, metadata
from persistence.types import UTCDateTime

UNATTACHED = "reflection_id IS NULL AND dossier_id IS NULL"

media_uploads = Table(
    "media_uploads",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("kind", _enum(MediaKind, "media_kind"), nullable=False),
    Column("mime_type", String(100), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("name", String(255)),
    Column("uploaded_at", UTCDateTime, nullable=False),
    Column("client_address", String(100), nullable=False),
    Column("person_id", ForeignKey("persons.id")),
    Column("reflection_id", ForeignKey("reflections.id")),  # the report that took it
    Column("dossier_id", ForeignKey("dossiers.id")),  # the dossier that took it
    # the hourly limit per client address
    Index("ix_media_uploads_client_address", "client_address", "uploaded_at"),
    # the clean-up of uploads no report took
    Index(
        "ix_media_uploads_unattached",
        "uploaded_at",
        postgresql_where=text(UNATTACHED),
        sqlite_where=text(UNATTACHED),
    ),
)
