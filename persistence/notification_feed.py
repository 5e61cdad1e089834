"""What the real-time side reads: committed outbox rows after a cursor, in id order."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notifications.model import Notification, NotificationEvent, NotificationKind
from persistence.notification_tables import notification_events as ev
from persistence.notification_tables import notifications as nt
from persistence.repositories.notifications import event_of, notification_of


class SqlFeedReader:
    """FeedReader: one short read session per call (streams hold no connection)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def inbox_after(self, person_id: int, after_id: int, limit: int) -> list[Notification]:
        query = (
            select(nt)
            .where(nt.c.person_id == person_id, nt.c.id > after_id)
            .order_by(nt.c.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            return [notification_of(row) for row in await session.execute(query)]

    async def notifications_after(self, after_id: int, limit: int) -> list[Notification]:
        query = select(nt).where(nt.c.id > after_id).order_by(nt.c.id).limit(limit)
        async with self._sessions() as session:
            return [notification_of(row) for row in await session.execute(query)]

    async def events_after(
        self, after_id: int, limit: int, kinds: Collection[NotificationKind]
    ) -> list[NotificationEvent]:
        query = select(ev).where(ev.c.id > after_id)
        if kinds:
            query = query.where(ev.c.kind.in_(sorted(kinds)))
        async with self._sessions() as session:
            rows = await session.execute(query.order_by(ev.c.id).limit(limit))
            return [event_of(row) for row in rows]

    async def last_ids(self) -> tuple[int, int]:
        async with self._sessions() as session:
            last_n = await session.scalar(select(func.max(nt.c.id)))
            last_e = await session.scalar(select(func.max(ev.c.id)))
        return int(last_n or 0), int(last_e or 0)
