"""Queries of the timed rules: indexed deadline ranges, birthdays, colleagues."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import Update, and_, exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notifications.channels import Contact
from domain.notifications.delivery import Claimed, Outcome
from domain.notifications.model import Notification, NotificationKind, SubjectType, title_of
from domain.notifications.ports import DueSubject
from domain.people.model import PersonStatus
from domain.tasks.model import Priority
from persistence import tables
from persistence import task_tables as t
from persistence.notification_tables import notification_events as ev
from persistence.notification_tables import notifications as nt
from persistence.repositories.delivery import claim_due, sent_channels, settle
from persistence.repositories.notifications import notification_of


class SqlDeadlineSource:
    """DeadlineSource on SQLAlchemy; PostgreSQL locks the rows it hands out."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_tasks_due(
        self,
        *,
        after: datetime,
        until: datetime,
        kind: NotificationKind,
        threshold: str,
        urgent_only: bool,
        states: Collection[str],
        limit: int,
    ) -> list[DueSubject]:
        told = exists().where(
            ev.c.subject_type == SubjectType.TASK,
            ev.c.subject_id == t.tasks.c.id,
            ev.c.kind == kind,
            ev.c.threshold == threshold,
            ev.c.due_at == t.tasks.c.deadline,
        )
        u = tables.org_units
        query = (
            select(
                t.tasks.c.id,
                t.tasks.c.lead_unit_id,
                t.tasks.c.content,
                t.tasks.c.deadline,
                t.tasks.c.priority,
                t.tasks.c.state,
                u.c.path,
            )
            .join(u, u.c.id == t.tasks.c.lead_unit_id)
            .where(
                t.tasks.c.state.in_(sorted(states)),
                t.tasks.c.deadline > after,
                t.tasks.c.deadline <= until,
                ~told,
            )
            .order_by(t.tasks.c.deadline, t.tasks.c.id)
            .limit(limit)
            .with_for_update(of=t.tasks, skip_locked=True)
        )
        if urgent_only:
            query = query.where(t.tasks.c.priority == Priority.URGENT)
        return [
            DueSubject(
                subject_id=row.id,
                unit_id=row.lead_unit_id,
                unit_path=row.path,
                title=title_of(row.content),
                due_at=row.deadline,
                priority=str(row.priority),
                state=str(row.state),
            )
            for row in await self.session.execute(query)
        ]

    async def birthdays(
        self, month_day: str, day_start: datetime, limit: int
    ) -> list[tuple[int, int, str]]:
        p = tables.persons
        told = exists().where(
            ev.c.subject_type == SubjectType.PERSON,
            ev.c.subject_id == p.c.id,
            ev.c.kind == NotificationKind.BIRTHDAY,
            ev.c.due_at == day_start,
        )
        query = (
            select(p.c.id, p.c.unit_id, p.c.full_name)
            .where(
                p.c.birth_month_day == month_day,
                p.c.status == PersonStatus.ACTIVE,
                p.c.unit_id.is_not(None),
                ~told,
            )
            .order_by(p.c.id)
            .limit(limit)
            .with_for_update(of=p, skip_locked=True)
        )
        return [(row.id, row.unit_id, row.full_name) for row in await self.session.execute(query)]

    async def colleagues(self, person_id: int, unit_id: int) -> set[int]:
        p, a = tables.persons, tables.accounts
        query = (
            select(p.c.id)
            .join(a, and_(a.c.person_id == p.c.id, a.c.disabled.is_(False)))
            .where(p.c.unit_id == unit_id, p.c.status == PersonStatus.ACTIVE, p.c.id != person_id)
        )
        return set((await self.session.scalars(query)).all())


MAX_INSTANT_ROWS = 1000
"""Rows of one commit's urgent events leased at once (10 agencies of a few people each)."""


class SqlDispatchSource:
    """The inbox rows' delivery ledger (and an urgent dispatch's, InstantLedger): leases rows
    owed to the channels with their person's contact, in a transaction of its own that
    commits before anything is sent."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def claim(
        self, limit: int, at: datetime, lease_until: datetime
    ) -> list[Claimed[tuple[Notification, Contact]]]:
        return await self._claim(claim_due(nt, limit, at, lease_until))

    async def claim_events(
        self, event_ids: Sequence[int], at: datetime, lease_until: datetime
    ) -> list[Claimed[tuple[Notification, Contact]]]:
        """InstantLedger: the rows of one commit's urgent events still owed and due, leased
        (few rows wait undispatched: the dispatch index finds them)."""
        if not event_ids:
            return []
        only = nt.c.event_id.in_(event_ids)
        return await self._claim(claim_due(nt, MAX_INSTANT_ROWS, at, lease_until, only))

    async def _claim(self, claim: Update) -> list[Claimed[tuple[Notification, Contact]]]:
        p = tables.persons
        async with self.sessions() as session:
            won = sorted((await session.execute(claim)).all(), key=lambda row: row.id)
            people = {row.person_id for row in won}
            contacts = {
                row.id: Contact(row.id, row.email, row.work_phone)
                for row in await session.execute(
                    select(p.c.id, p.c.email, p.c.work_phone).where(p.c.id.in_(people))
                )
            }
            await session.commit()
        return [
            Claimed(
                row.id,
                (notification_of(row), contacts[row.person_id]),
                row.attempts,
                sent_channels(row.sent_channels),
            )
            for row in won
        ]

    async def settle(self, outcome: Outcome, at: datetime) -> None:
        await settle(self.sessions, nt, outcome, at)
