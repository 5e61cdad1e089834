"""ApplicantReader on SQLAlchemy: the office's lists, one's own account."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applicants.model import Applicant, ApplicantRequest
from domain.applicants.reading import ApplicantFilter, RequestFilter
from domain.paging import Seek
from persistence import applicant_tables as at
from persistence.database import run_locked
from persistence.keyset import keyset

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
        self, where: ApplicantFilter, *, seek: Seek[int], limit: int
    ) -> list[Applicant]:
        ids = seek.map(lambda key, _field: (key,))
        keys, order = keyset((A.id,), after=ids.after, before=ids.before, backward=ids.backward)
        query = select(Applicant).where(*_applicants(where), *keys)
        return await self._all(query.order_by(*order).limit(limit))

    async def count_applicants(self, where: ApplicantFilter) -> int:
        query = select(func.count()).select_from(at.applicants).where(*_applicants(where))
        return int((await self._all(query))[0])

    async def requests(
        self, where: RequestFilter, *, seek: Seek[tuple[str, int]], limit: int
    ) -> list[ApplicantRequest]:
        due = seek.map(lambda key, _field: (datetime.fromisoformat(key[0]), key[1]))
        keys, order = keyset(
            (AR.due_at, AR.id), after=due.after, before=due.before, backward=due.backward
        )
        query = select(ApplicantRequest).where(*_requests(where), *keys)
        return await self._all(query.order_by(*order).limit(limit))

    async def count_requests(self, where: RequestFilter) -> int:
        query = select(func.count()).select_from(at.applicant_requests).where(*_requests(where))
        return int((await self._all(query))[0])

    async def requests_of(self, applicant_ids: Sequence[int]) -> list[ApplicantRequest]:
        query = select(ApplicantRequest).where(AR.applicant_id.in_(set(applicant_ids)))
        return await self._all(
            query.order_by(AR.applicant_id, AR.submitted_at.desc(), AR.id.desc())
        )
