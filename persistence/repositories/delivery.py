"""The delivery ledger's SQL: leased claims and settled tries of rows owed to the channels
(inbox rows, reporter messages), each in a transaction of its own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Table, Update, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notifications.channels import Channel
from domain.notifications.delivery import Outcome


def claim_due(
    table: Table, limit: int, at: datetime, lease_until: datetime, *only: ColumnElement[bool]
) -> Update:
    """Lease up to `limit` rows of `table` still owed and due at `at` (and matching `only`),
    oldest first, counting the try; returns them.

    PostgreSQL: rows others hold are skipped; SQLite: writers take turns, and the second
    finds the rows leased (the outer condition is checked again under the lock)."""
    c = table.c
    due = and_(c.dispatched_at.is_(None), or_(c.next_try_at.is_(None), c.next_try_at <= at), *only)
    pending = (
        select(c.id)
        .where(due)
        .order_by(c.dispatched_at, c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (
        update(table)
        .where(c.id.in_(pending.scalar_subquery()), due)
        .values(attempts=c.attempts + 1, next_try_at=lease_until)
        .returning(*c)
    )


def sent_channels(text: str | None) -> frozenset[Channel]:
    """The channels a row records as delivered."""
    return frozenset(Channel(name) for name in (text or "").split(",") if name)


def settle_statement(table: Table, outcome: Outcome, at: datetime) -> Update:
    """Record one try; a row claimed again since (its attempt count moved on) is left alone."""
    c = table.c
    values: dict[str, object] = {
        "sent_channels": ",".join(sorted(channel.value for channel in outcome.sent)),
        "next_try_at": outcome.next_try_at,
    }
    if outcome.done or outcome.dead:
        values["dispatched_at"] = at  # finished: delivered everywhere, or given up
    if outcome.dead:
        values["dead_at"] = at
    return (
        update(table)
        .where(c.id == outcome.id, c.attempts == outcome.attempts, c.dispatched_at.is_(None))
        .values(**values)
    )


async def settle(
    sessions: async_sessionmaker[AsyncSession], table: Table, outcome: Outcome, at: datetime
) -> None:
    """Record one try, committed."""
    async with sessions() as session:
        await session.execute(settle_statement(table, outcome, at))
        await session.commit()
