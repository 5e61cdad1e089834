"""Reporter messages: queued with the step, claimed and read back by the sender."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notifications.delivery import Claimed, Outcome
from domain.notifications.model import ReporterMessage, ReporterMessageKind
from domain.notifications.reporter_messages import STEP_KINDS, ReportFacts
from domain.reflections.model import CancelReason
from persistence.reflection_tables import reflection_events as ev
from persistence.reflection_tables import reflection_questions as q
from persistence.reflection_tables import reflections as r
from persistence.reporter_message_tables import reporter_messages as rm
from persistence.repositories.delivery import claim_due, sent_channels, settle

# the step whose note a request carries (REQUEST_VERIFICATION, REQUEST_EDIT)
ASKED_BY: dict[ReporterMessageKind, str] = {
    kind: action
    for action, kind in STEP_KINDS.items()
    if kind in (ReporterMessageKind.VERIFY, ReporterMessageKind.EDIT)
}


class SqlReporterMessageRepository:
    """ReporterMessageRepository: the message is flushed with the step's commit."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, message: ReporterMessage) -> None:
        self.session.add(message)


def message_of(row: Row[Any]) -> ReporterMessage:
    """A claimed row as the domain's ReporterMessage."""
    message = ReporterMessage(
        row.reflection_id,
        ReporterMessageKind(row.kind),
        row.created_at,
        question_id=row.question_id,
        dispatched_at=row.dispatched_at,
    )
    message.id = row.id
    return message


class SqlReporterDispatchSource:
    """The reporter messages' delivery ledger: leases messages with what their reports say
    now (contact, texts), in a transaction of its own that commits before anything is sent
    (like inbox rows, SqlDispatchSource)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def claim(
        self, limit: int, at: datetime, lease_until: datetime
    ) -> list[Claimed[tuple[ReporterMessage, ReportFacts]]]:
        claim = claim_due(rm, limit, at, lease_until)
        async with self.sessions() as session:
            rows = sorted((await session.execute(claim)).all(), key=lambda row: row.id)
            won = [message_of(row) for row in rows]
            facts = await _facts(session, won)
            await session.commit()
        return [
            Claimed(m.id, (m, facts[m.id]), row.attempts, sent_channels(row.sent_channels))
            for m, row in zip(won, rows, strict=True)
        ]

    async def settle(self, outcome: Outcome, at: datetime) -> None:
        await settle(self.sessions, rm, outcome, at)


async def _facts(
    session: AsyncSession, messages: Sequence[ReporterMessage]
) -> dict[int, ReportFacts]:
    """What each message's report says now: contact, result, reason, answer, request note."""
    ids = sorted({m.reflection_id for m in messages})
    reports = {
        row.id: row
        for row in await session.execute(
            select(
                r.c.id, r.c.reporter_email, r.c.reporter_phone, r.c.result, r.c.cancel_reason
            ).where(r.c.id.in_(ids))
        )
    }
    asked = sorted({m.question_id for m in messages if m.question_id is not None})
    answers: dict[int, str | None] = {}
    if asked:
        rows = await session.execute(select(q.c.id, q.c.answer).where(q.c.id.in_(asked)))
        answers = {row.id: row.answer for row in rows}
    notes = await _notes(session, [m for m in messages if m.kind in ASKED_BY])
    found: dict[int, ReportFacts] = {}
    for m in messages:
        report = reports[m.reflection_id]
        reason = report.cancel_reason
        found[m.id] = ReportFacts(
            email=report.reporter_email,
            phone=report.reporter_phone,
            result=report.result,
            note=notes.get(m.id),
            answer=answers.get(m.question_id) if m.question_id is not None else None,
            cancel_reason=CancelReason(reason) if reason else None,
        )
    return found


async def _notes(session: AsyncSession, requests: Sequence[ReporterMessage]) -> dict[int, str]:
    """The IOC's note of each request: its step's latest event up to the message."""
    if not requests:
        return {}
    rows = await session.execute(
        select(ev.c.reflection_id, ev.c.action, ev.c.at, ev.c.note)
        .where(
            ev.c.reflection_id.in_(sorted({m.reflection_id for m in requests})),
            ev.c.action.in_(sorted(ASKED_BY.values())),
        )
        .order_by(ev.c.at, ev.c.id)
    )
    events = rows.all()
    found: dict[int, str] = {}
    for m in requests:
        for event in events:
            same = event.reflection_id == m.reflection_id and event.action == ASKED_BY[m.kind]
            if same and event.at <= m.created_at:
                found[m.id] = event.note
    return found
