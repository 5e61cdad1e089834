"""ApplicantReader on SQLAlchemy: the office's lists, one's own account."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applicants.model import Applicant, ApplicantRequest
from domain.applicants.reading import ApplicantFilter, RequestFilter
from persistence import applicant_tables as at
from persistence.database import run_locked

A, AR = at.applicants.c, at.applicant_requests.c


def _applicants(where: ApplicantFilter) -> list[Any]:
    clauses: list[Any] = [A.search_name.contains(w, autoescape=True) for w in where.words]
    if where.status is not None:
        clauses.append(A.status == where.status)
    return clauses


def _requests(where: RequestFilter) -> list[Any]:
    clauses: list[Any] = []
    if where.status is not None:
        clauses.append(AR.status == where.status)
    if where.kind is not None:
        clauses.append(AR.kind == where.kind)
    if where.applicant_id is not None:
        clauses.append(AR.applicant_id == where.applicant_id)
    return clauses


class SqlApplicantReader:
    """Read queries for one request's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def applicants_by_ids(self, ids: Sequence[int]) -> list[Applicant]:
        return await self._all(select(Applicant).where(A.id.in_(set(ids))))

    async def applicant_by_account(self, account_id: int) -> Applicant | None:
        found = await self._all(select(Applicant).where(A.account_id == account_id))
        return found[0] if found else None

    async def applicants(
        self, where: ApplicantFilter, *, after: int | None, limit: int
    ) -> list[Applicant]:
        query = select(Applicant).where(*_applicants(where))
        if after is not None:
            query = query.where(A.id > after)
        return await self._all(query.order_by(A.id).limit(limit))

    async def count_applicants(self, where: ApplicantFilter) -> int:
        query = select(func.count()).select_from(at.applicants).where(*_applicants(where))
        return int((await self._all(query))[0])

    async def requests(
        self, where: RequestFilter, *, after: tuple[str, int] | None, limit: int
    ) -> list[ApplicantRequest]:
        query = select(ApplicantRequest).where(*_requests(where))
        if after is not None:
            due = datetime.fromisoformat(after[0])
            query = query.where(or_(AR.due_at > due, and_(AR.due_at == due, AR.id > after[1])))
        return await self._all(query.order_by(AR.due_at, AR.id).limit(limit))

    async def count_requests(self, where: RequestFilter) -> int:
        query = select(func.count()).select_from(at.applicant_requests).where(*_requests(where))
        return int((await self._all(query))[0])

    async def requests_of(self, applicant_ids: Sequence[int]) -> list[ApplicantRequest]:
        query = select(ApplicantRequest).where(AR.applicant_id.in_(set(applicant_ids)))
        return await self._all(
            query.order_by(AR.applicant_id, AR.submitted_at.desc(), AR.id.desc())
        )
