"""The media store's upload records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reflections.model import MediaKind
from domain.reflections.uploads import MediaUpload
from persistence.media_tables import media_uploads

M = media_uploads.c
UPLOAD_LOCK = 7_301  # the advisory lock space of uploads per client address


class SqlMediaUploadRepository:
    """MediaUploadRepository on SQLAlchemy Core."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, upload: MediaUpload) -> None:
        await self.session.execute(
            insert(media_uploads).values(
                key=upload.key,
                kind=upload.kind,
                mime_type=upload.mime_type,
                size_bytes=upload.size_bytes,
                sha256=upload.sha256,
                name=upload.name,
                uploaded_at=upload.uploaded_at,
                client_address=upload.client_address,
                person_id=upload.person_id,
                reflection_id=upload.reflection_id,
                dossier_id=upload.dossier_id,
            )
        )

    async def get(self, key: str) -> MediaUpload | None:
        return (await self.get_many([key])).get(key)

    async def get_many(self, keys: Sequence[str]) -> dict[str, MediaUpload]:
        rows = await self.session.execute(select(media_uploads).where(M.key.in_(list(keys))))
        return {row.key: _upload(row) for row in rows}

    async def count_from(self, client_address: str, since: datetime) -> int:
        counted = await self.session.scalar(
            select(func.count())
            .select_from(media_uploads)
            .where(M.client_address == client_address, M.uploaded_at > since)
        )
        return int(counted or 0)

    async def nth_from(self, client_address: str, since: datetime, n: int) -> datetime | None:
        found: datetime | None = await self.session.scalar(
            select(M.uploaded_at)
            .where(M.client_address == client_address, M.uploaded_at > since)
            .order_by(M.uploaded_at)
            .offset(n - 1)
            .limit(1)
        )
        return found

    async def hold_address(self, client_address: str) -> None:
        # PostgreSQL: a transaction-scoped advisory lock per address; on SQLite the insert
        # that follows takes the database's write lock, which serializes the writers
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(
                select(func.pg_advisory_xact_lock(UPLOAD_LOCK, func.hashtext(client_address)))
            )

    async def attach(self, keys: Sequence[str], reflection_id: int) -> int:
        # a concurrent submission's UPDATE waits for this one, then finds the rows taken
        done = await self.session.execute(
            update(media_uploads)
            .where(M.key.in_(list(keys)), M.reflection_id.is_(None), M.dossier_id.is_(None))
            .values(reflection_id=reflection_id)
        )
        return int(cast(CursorResult[Any], done).rowcount)

    async def attach_to_dossier(self, keys: Sequence[str], dossier_id: int) -> int:
        # as `attach`: a concurrent claim waits for this one, then finds the rows taken
        done = await self.session.execute(
            update(media_uploads)
            .where(M.key.in_(list(keys)), M.reflection_id.is_(None), M.dossier_id.is_(None))
            .values(dossier_id=dossier_id)
        )
        return int(cast(CursorResult[Any], done).rowcount)

    async def expire_unattached(self, before: datetime, limit: int) -> list[str]:
        stale = (
            select(M.key)
            .where(M.reflection_id.is_(None), M.dossier_id.is_(None), M.uploaded_at < before)
            .order_by(M.uploaded_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        gone = await self.session.execute(
            delete(media_uploads)
            .where(
                M.key.in_(stale.scalar_subquery()),
                M.reflection_id.is_(None),
                M.dossier_id.is_(None),
            )
            .returning(M.key)
        )
        return sorted(gone.scalars())


def _upload(row: Any) -> MediaUpload:
    return MediaUpload(
        key=row.key,
        kind=MediaKind(row.kind),
        mime_type=row.mime_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        name=row.name,
        uploaded_at=row.uploaded_at,
        client_address=row.client_address,
        person_id=row.person_id,
        reflection_id=row.reflection_id,
        dossier_id=row.dossier_id,
    )
