"""The outbox repository: notification events and inbox rows, written with the change."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.model import Role
from domain.notifications.calls import dispatched_at_once
from domain.notifications.model import (
    Notification,
    NotificationEvent,
    NotificationKind,
    SubjectType,
    Summary,
)
from persistence import tables
from persistence.database import run_locked
from persistence.notification_tables import notification_events as ev
from persistence.notification_tables import notifications as nt

OUTBOX = "govgraph.outbox"
# Any constant: the transaction-scoped advisory lock that keeps outbox ids in commit order.
OUTBOX_LOCK = 5_270_001


def notification_of(row: Row[Any]) -> Notification:
    """An inbox row as the domain's Notification."""
    return Notification(
        id=row.id,
        event_id=row.event_id,
        person_id=row.person_id,
        kind=NotificationKind(row.kind),
        subject_type=SubjectType(row.subject_type),
        subject_id=row.subject_id,
        unit_id=row.unit_id,
        summary=Summary.from_json(row.summary),
        created_at=row.created_at,
        read_at=row.read_at,
    )


def event_of(row: Row[Any]) -> NotificationEvent:
    """An event row as the domain's NotificationEvent."""
    return NotificationEvent(
        id=row.id,
        kind=NotificationKind(row.kind),
        subject_type=SubjectType(row.subject_type),
        subject_id=row.subject_id,
        unit_id=row.unit_id,
        unit_path=row.unit_path,
        summary=Summary.from_json(row.summary),
        occurred_at=row.occurred_at,
        threshold=row.threshold,
        due_at=row.due_at,
    )


class SqlNotificationRepository:
    """NotificationRepository on SQLAlchemy Core."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, event: NotificationEvent, recipients: Collection[int]) -> None:
        """Queue the event: it is written when the unit of work commits (flush_outbox)."""
        self.session.info.setdefault(OUTBOX, []).append((event, tuple(recipients)))

    async def persons_with_role(
        self, role: Role, unit_path: str, *, own_unit_id: int | None = None
    ) -> set[int]:
        a, g, u = tables.accounts, tables.role_grants, tables.org_units
        covers = or_(
            u.c.path == unit_path,
            and_(g.c.include_subtree, func.substr(unit_path, 1, func.length(u.c.path)) == u.c.path),
        )
        query = (
            select(a.c.person_id)
            .join(g, g.c.account_id == a.c.id)
            .join(u, u.c.id == g.c.unit_id)
            .where(
                g.c.role == role,
                covers,
                a.c.person_id.is_not(None),
                a.c.disabled.is_(False),
            )
        )
        if own_unit_id is not None:
            query = query.where(a.c.unit_id == own_unit_id)
        return {pid for pid in (await self.session.scalars(query)).all() if pid is not None}

    async def person_of_account(self, account_id: int | None) -> int | None:
        if account_id is None:
            return None
        a = tables.accounts
        found = await self.session.scalar(select(a.c.person_id).where(a.c.id == account_id))
        return int(found) if found is not None else None

    async def members_of(self, unit_id: int, person_ids: Collection[int]) -> set[int]:
        if not person_ids:
            return set()
        a = tables.accounts
        query = select(a.c.person_id).where(
            a.c.person_id.in_(sorted(person_ids)),
            a.c.unit_id == unit_id,
            a.c.disabled.is_(False),
        )
        return {pid for pid in (await self.session.scalars(query)).all() if pid is not None}

    async def inbox(
        self,
        person_id: int,
        *,
        before_id: int | None,
        limit: int,
        unread_only: bool,
        after_id: int | None = None,
        oldest_first: bool = False,
    ) -> list[Notification]:
        query = select(nt).where(nt.c.person_id == person_id)
        if unread_only:
            query = query.where(nt.c.read_at.is_(None))
        if before_id is not None:
            query = query.where(nt.c.id < before_id)
        if after_id is not None:
            query = query.where(nt.c.id > after_id)
        order = nt.c.id.asc() if oldest_first else nt.c.id.desc()
        ordered = query.order_by(order).limit(limit)
        rows = await run_locked(self.session, lambda: self.session.execute(ordered))
        return [notification_of(row) for row in rows]

    async def count(self, person_id: int, *, unread_only: bool) -> int:
        query = select(func.count()).where(nt.c.person_id == person_id)
        if unread_only:
            query = query.where(nt.c.read_at.is_(None))
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return int(rows[0][0] or 0)

    async def mark_read(self, person_id: int, ids: Sequence[int], at: datetime) -> int:
        if not ids:
            return 0
        done = await self.session.execute(
            update(nt)
            .where(nt.c.person_id == person_id, nt.c.id.in_(ids), nt.c.read_at.is_(None))
            .values(read_at=at)
        )
        return int(getattr(done, "rowcount", 0) or 0)

    async def mark_all_read(self, person_id: int, up_to_id: int | None, at: datetime) -> int:
        query = update(nt).where(nt.c.person_id == person_id, nt.c.read_at.is_(None))
        if up_to_id is not None:
            query = query.where(nt.c.id <= up_to_id)
        done = await self.session.execute(query.values(read_at=at))
        return int(getattr(done, "rowcount", 0) or 0)


@dataclass(frozen=True)
class Flushed:
    """What the outbox wrote: anything at all, and the events sent at once after the commit
    (an urgent report's distribution, domain.notifications.calls)."""

    written: bool = False
    at_once: tuple[int, ...] = ()


async def flush_outbox(session: AsyncSession) -> Flushed:
    """Write the queued events and inbox rows, last thing before the commit.

    PostgreSQL: under a transaction-scoped advisory lock held until the commit, so ids
    become visible in order (a reader that saw id N never later finds a smaller id
    committing). SQLite has one writer at a time already. A timed event raised before
    (same subject, kind, threshold and due time) is skipped with its inbox rows.
    """
    queued: list[tuple[NotificationEvent, tuple[int, ...]]] = session.info.pop(OUTBOX, [])
    if not queued:
        return Flushed()
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        await session.execute(text(f"SELECT pg_advisory_xact_lock({OUTBOX_LOCK})"))
    make = sqlite_insert if dialect == "sqlite" else pg_insert
    written, at_once = False, list[int]()
    for event, recipients in queued:
        summary = event.summary.to_json()
        statement = (
            make(ev)
            .values(
                kind=event.kind,
                subject_type=event.subject_type,
                subject_id=event.subject_id,
                unit_id=event.unit_id,
                unit_path=event.unit_path,
                summary=summary,
                occurred_at=event.occurred_at,
                threshold=event.threshold,
                due_at=event.due_at,
            )
            .on_conflict_do_nothing()
            .returning(ev.c.id)
        )
        event_id = (await session.execute(statement)).scalar_one_or_none()
        if event_id is None:
            continue
        event.id, written = event_id, True
        if recipients and dispatched_at_once(event.kind, event.subject_type, event.summary):
            at_once.append(event_id)
        if recipients:
            await session.execute(
                insert(nt),
                [
                    {
                        "event_id": event_id,
                        "person_id": person_id,
                        "kind": event.kind,
                        "subject_type": event.subject_type,
                        "subject_id": event.subject_id,
                        "unit_id": event.unit_id,
                        "summary": summary,
                        "created_at": event.occurred_at,
                    }
                    for person_id in recipients
                ],
            )
    return Flushed(written, tuple(at_once))
