"""Queries of applicant accounts: one's own (the applicant), the lists and queue of the
account office. Account data is confidential (domain.permissions.catalog)."""

from __future__ import annotations

from datetime import datetime

from domain import permissions
from domain.applicants.model import (
    Applicant,
    ApplicantRequest,
    ApplicantStatus,
    RequestKind,
    RequestStatus,
)
from domain.applicants.reading import ApplicantFilter, RequestFilter
from domain.errors import DomainError, ErrorCode, Forbidden, Unauthenticated
from domain.paging import Seek
from domain.permissions import PrincipalKind
from domain.text import fold
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate


async def current_applicant(ctx: RequestContext) -> Applicant | None:
    """The signed-in applicant's profile (None: the caller is not an applicant)."""
    principal = ctx.principal
    if principal.kind is not PrincipalKind.CITIZEN or principal.account_id is None:
        return None
    found = await ctx.applicants.applicant_by_account(principal.account_id)
    if found is not None:
        ctx.applicant_loaders.applicant_by_id.prime(found.id, found)
    return found


def require_office(ctx: RequestContext) -> None:
    """The account office's lists: the office and province admins only."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    if not permissions.is_account_office(ctx.principal):
        raise Forbidden("Only the account office reads applicant accounts")


async def applicant(ctx: RequestContext, applicant_id: int) -> Applicant | None:
    """One account: the applicant itself or the office; null for anyone else."""
    found: Applicant | None = await ctx.applicant_loaders.applicant_by_id.load(applicant_id)
    if found is None or not permissions.can_view_applicant(ctx.principal, found.account_id):
        return None
    return found


async def applicants(
    ctx: RequestContext,
    *,
    status: ApplicantStatus | None,
    search: str | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Applicant]:
    """The office's list of accounts, by id: a status, every word of `search` in the name."""
    require_office(ctx)
    if search is not None and len(search) > 100:
        raise DomainError(ErrorCode.TOO_LONG, "search is longer than 100 characters", "search")
    where = ApplicantFilter(status=status, words=tuple(fold(search or "").split()[:6]))

    async def fetch(seek: Seek[int], limit: int) -> list[Applicant]:
        return await ctx.applicants.applicants(where, seek=seek, limit=limit)

    async def count() -> int:
        return await ctx.applicants.count_applicants(where)

    return await paginate(
        fetch,
        lambda a: a.id,
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=int,
    )


def _due_key(key: list[object], field: str) -> tuple[str, int]:
    """A queue cursor's (due time, id), checked: an aware ISO instant and an id; a bad one
    is a malformed `field` (after or before)."""
    due, last = key
    assert isinstance(due, str)
    assert isinstance(last, int)
    try:
        at = datetime.fromisoformat(due)
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    return due, last


async def requests(
    ctx: RequestContext,
    *,
    status: RequestStatus | None,
    kind: RequestKind | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[ApplicantRequest]:
    """The office's queue, the request due first at the top."""
    require_office(ctx)
    where = RequestFilter(status=status, kind=kind)

    async def fetch(seek: Seek[list[object]], limit: int) -> list[ApplicantRequest]:
        return await ctx.applicants.requests(where, seek=seek.map(_due_key), limit=limit)

    async def count() -> int:
        return await ctx.applicants.count_requests(where)

    return await paginate(
        fetch,
        lambda r: [r.due_at.isoformat(), r.id],
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=(str, int),
    )


async def requests_of(ctx: RequestContext, subject: Applicant) -> list[ApplicantRequest]:
    """An account's requests, newest first (whoever may read the account)."""
    if not permissions.can_view_applicant(ctx.principal, subject.account_id):
        return []
    found: list[ApplicantRequest] = await ctx.applicant_loaders.requests_by_applicant_id.load(
        subject.id
    )
    return found
