"""Applicant messages of dossiers: queued with the step, claimed and read back by the sender."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.dossiers.model import DeliveryMethod, DossierMessage, DossierMessageKind, ResultKind
from domain.notifications.delivery import Claimed, Outcome
from domain.notifications.dossier_messages import DossierFacts
from domain.reflections.uploads import url_of
from persistence import applicant_tables as at
from persistence import catalog_tables as ct
from persistence import dossier_tables as dt
from persistence import tables as t
from persistence.repositories.delivery import claim_due, sent_channels, settle

D, DM = dt.dossiers.c, dt.dossier_messages.c


class SqlDossierMessageRepository:
    """DossierMessageRepository: the message is flushed with the step's commit."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, message: DossierMessage) -> None:
        self.session.add(message)


def message_of(row: Row[Any]) -> DossierMessage:
    """A claimed row as the domain's DossierMessage."""
    message = DossierMessage(
        row.dossier_id,
        DossierMessageKind(row.kind),
        row.created_at,
        step_id=row.step_id,
        dispatched_at=row.dispatched_at,
    )
    message.id = row.id
    return message


class SqlDossierDispatchSource:
    """The applicant messages' delivery ledger: leases messages with what their dossiers say
    now (the applicant's contact, the texts), committed before anything is sent."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        media_base: str | None,
        time_zone: str,
    ) -> None:
        self.sessions = sessions
        self.media_base = media_base
        self.time_zone = time_zone

    async def claim(
        self, limit: int, at: datetime, lease_until: datetime
    ) -> list[Claimed[tuple[DossierMessage, DossierFacts]]]:
        claim = claim_due(dt.dossier_messages, limit, at, lease_until)
        async with self.sessions() as session:
            rows = sorted((await session.execute(claim)).all(), key=lambda row: row.id)
            won = [message_of(row) for row in rows]
            facts = await self._facts(session, won)
            await session.commit()
        return [
            Claimed(m.id, (m, facts[m.id]), row.attempts, sent_channels(row.sent_channels))
            for m, row in zip(won, rows, strict=True)
        ]

    async def settle(self, outcome: Outcome, at: datetime) -> None:
        await settle(self.sessions, dt.dossier_messages, outcome, at)

    async def _facts(
        self, session: AsyncSession, messages: Sequence[DossierMessage]
    ) -> dict[int, DossierFacts]:
        ids = sorted({m.dossier_id for m in messages})
        if not ids:
            return {}
        a, v, u = at.applicants.c, ct.procedure_versions.c, t.org_units.c
        query = (
            select(dt.dossiers, a.email, a.phone, v.name.label("procedure"), u.name.label("agency"))
            .join(at.applicants, a.account_id == D.applicant_account_id, isouter=True)
            .join(ct.procedure_versions, v.id == D.procedure_version_id)
            .join(t.org_units, u.id == D.agency_unit_id)
            .where(D.id.in_(ids))
        )
        dossiers = {row.id: row for row in await session.execute(query)}
        steps = sorted({m.step_id for m in messages if m.step_id is not None})
        notes: dict[int, str] = {}
        if steps:
            s = dt.dossier_steps.c
            notes = {
                r.id: r.note
                for r in await session.execute(select(s.id, s.note).where(s.id.in_(steps)))
            }
        letters = await _latest(session, dt.dossier_apologies, ids, "text")
        notices = await _latest(session, dt.dossier_notices, ids, "new_due")
        reasons = await _latest(session, dt.dossier_notices, ids, "reason")
        found: dict[int, DossierFacts] = {}
        for m in messages:
            d = dossiers[m.dossier_id]
            note = notes.get(m.step_id) if m.step_id is not None else None
            if m.kind is DossierMessageKind.APOLOGY:
                note = letters.get(d.id)
            elif m.kind is DossierMessageKind.OVERDUE:
                note = reasons.get(d.id) or note
            by_post = d.delivery == DeliveryMethod.POST
            key = d.result_upload_key
            found[m.id] = DossierFacts(
                email=d.email,
                phone=d.phone,
                tracking_code=d.tracking_code,
                procedure=d.procedure,
                agency=d.agency,
                reception_due=d.reception_due,
                processing_due=d.processing_due,
                note=note,
                result_kind=ResultKind(d.result_kind) if d.result_kind else None,
                result_number=d.result_number,
                result_url=url_of(self.media_base, key) if key and self.media_base else None,
                by_post=by_post,
                new_due=notices.get(d.id),
                time_zone=self.time_zone,
            )
        return found


async def _latest(
    session: AsyncSession, table: Any, ids: Sequence[int], column: str
) -> dict[int, Any]:
    """The `column` of each dossier's latest row of `table` (letters, notices)."""
    c = table.c
    last = (
        select(c.dossier_id, func.max(c.id).label("id"))
        .where(c.dossier_id.in_(list(ids)))
        .group_by(c.dossier_id)
        .subquery()
    )
    rows = await session.execute(select(c.dossier_id, c[column]).join(last, last.c.id == c.id))
    return {row[0]: row[1] for row in rows}
