"""The applicant repository: profiles, the office's requests, messages owed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from domain.accounts.model import Account
from domain.applicants.model import (
    Applicant,
    ApplicantMessage,
    ApplicantRequest,
    ApplicantStatus,
    RequestStatus,
)
from persistence import applicant_tables as at
from persistence import tables as t

A, AR, AM = at.applicants.c, at.applicant_requests.c, at.applicant_messages.c


class SqlApplicantRepository:
    """ApplicantRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, applicant_id: int) -> Applicant | None:
        return await self.session.get(Applicant, applicant_id)

    async def by_account(self, account_id: int) -> Applicant | None:
        found = await self.session.scalars(select(Applicant).where(A.account_id == account_id))
        return found.first()

    async def add(self, applicant: Applicant) -> Applicant:
        self.session.add(applicant)
        await self.session.flush()
        return applicant

    async def touch(self, applicant: Applicant) -> None:
        flag_modified(applicant, "status")

    async def open_request(self, applicant_id: int) -> ApplicantRequest | None:
        found = await self.session.scalars(
            select(ApplicantRequest).where(
                AR.applicant_id == applicant_id, AR.status == RequestStatus.OPEN
            )
        )
        return found.first()

    async def get_request(self, request_id: int) -> ApplicantRequest | None:
        return await self.session.get(ApplicantRequest, request_id)

    async def add_request(self, request: ApplicantRequest) -> ApplicantRequest:
        self.session.add(request)
        await self.session.flush()
        return request

    async def add_message(self, message: ApplicantMessage) -> None:
        self.session.add(message)

    async def unverified_before(self, before: datetime, limit: int) -> list[Applicant]:
        query = (
            select(Applicant)
            .where(A.status == ApplicantStatus.UNVERIFIED, A.registered_at < before)
            .order_by(A.registered_at, A.id)
            .limit(limit)
            .with_for_update(of=at.applicants, skip_locked=True)  # one worker per profile
        )
        return list((await self.session.scalars(query)).all())

    async def delete(self, applicant: Applicant) -> None:
        await self.session.flush()
        session, account_id = self.session, applicant.account_id
        await session.execute(delete(at.applicant_messages).where(AM.applicant_id == applicant.id))
        await session.execute(delete(at.applicant_requests).where(AR.applicant_id == applicant.id))
        await session.execute(
            delete(t.session_tokens).where(t.session_tokens.c.account_id == account_id)
        )
        session.expunge(applicant)
        await session.execute(delete(at.applicants).where(A.id == applicant.id))
        account = await session.get(Account, account_id)
        if account is not None:
            session.expunge(account)
        await session.execute(delete(t.accounts).where(t.accounts.c.id == account_id))
