"""Applicant messages' delivery ledger: leased with what the profile says now (contact, the
request's note); a code is wiped from its row once delivered or given up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.applicants.messages import ApplicantFacts
from domain.applicants.model import ApplicantMessage, MessageKind, VerifyChannel
from domain.notifications.delivery import Claimed, Outcome
from persistence import applicant_tables as at
from persistence.repositories.delivery import claim_due, sent_channels, settle_statement

A, AR = at.applicants.c, at.applicant_requests.c
Row_ = Row[Any]


def message_of(row: Row_) -> ApplicantMessage:
    """A claimed row as the domain's ApplicantMessage."""
    message = ApplicantMessage(
        row.applicant_id,
        MessageKind(row.kind),
        row.created_at,
        secret=row.secret,
        request_id=row.request_id,
        dispatched_at=row.dispatched_at,
    )
    message.id = row.id
    return message


class SqlApplicantDispatchSource:
    """Claims in a transaction of their own, committed before anything is sent."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def claim(
        self, limit: int, at_: datetime, lease_until: datetime
    ) -> list[Claimed[tuple[ApplicantMessage, ApplicantFacts]]]:
        claim = claim_due(at.applicant_messages, limit, at_, lease_until)
        async with self.sessions() as session:
            rows = sorted((await session.execute(claim)).all(), key=lambda row: row.id)
            won = [message_of(row) for row in rows]
            facts = await _facts(session, won)
            await session.commit()
        return [
            Claimed(m.id, (m, facts[m.id]), row.attempts, sent_channels(row.sent_channels))
            for m, row in zip(won, rows, strict=True)
        ]

    async def settle(self, outcome: Outcome, at_: datetime) -> None:
        statement = settle_statement(at.applicant_messages, outcome, at_)
        if outcome.done or outcome.dead:
            statement = statement.values(secret=None)  # a code is kept no longer than needed
        async with self.sessions() as session:
            await session.execute(statement)
            await session.commit()


async def _facts(
    session: AsyncSession, messages: Sequence[ApplicantMessage]
) -> dict[int, ApplicantFacts]:
    """Each message's profile contact and its request's note."""
    ids = sorted({m.applicant_id for m in messages})
    profiles = {
        row.id: row
        for row in await session.execute(
            select(A.id, A.email, A.phone, A.verify_channel).where(A.id.in_(ids))
        )
    }
    asked = sorted({m.request_id for m in messages if m.request_id is not None})
    notes: dict[int, str | None] = {}
    if asked:
        rows = await session.execute(select(AR.id, AR.note).where(AR.id.in_(asked)))
        notes = {row.id: row.note for row in rows}
    return {
        m.id: ApplicantFacts(
            email=profiles[m.applicant_id].email,
            phone=profiles[m.applicant_id].phone,
            verify_channel=VerifyChannel(profiles[m.applicant_id].verify_channel),
            note=notes.get(m.request_id) if m.request_id is not None else None,
        )
        for m in messages
    }
