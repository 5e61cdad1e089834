"""Queries of the dossiers: the staff's lists and queues, an applicant's own, one by id, and
the public lookup by tracking code. The caller's scope is part of every statement."""

from __future__ import annotations

from datetime import datetime

from domain.dossiers import tracking
from domain.dossiers.model import Dossier
from domain.dossiers.reading import DossierFilter, DossierSort, Key, sort_key
from domain.errors import DomainError, ErrorCode, Forbidden, Unauthenticated
from domain.paging import Seek
from domain.permissions.dossiers import APPLICANT_KINDS
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate


def _key(key: list[object], field: str) -> Key:
    """A cursor's (aware ISO instant, id), checked; a bad one is a malformed `field`."""
    at, pk = key
    malformed = DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    if not isinstance(at, str) or not isinstance(pk, int):
        raise malformed
    try:
        aware = datetime.fromisoformat(at).tzinfo is not None
    except ValueError:
        raise malformed from None
    if not aware:
        raise malformed
    return at, pk


async def dossiers(
    ctx: RequestContext,
    where: DossierFilter,
    *,
    sort: DossierSort,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Dossier]:
    """A page of the dossiers the caller may see (signed in), filtered and sorted."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    loaders = ctx.dossier_loaders
    reader = ctx.dossiers

    async def fetch(seek: Seek[list[object]], limit: int) -> list[Dossier]:
        keys = seek.map(_key)
        found = await reader.dossiers(where, loaders.scope, sort=sort, seek=keys, limit=limit)
        loaders.listed(found)
        return found

    async def count() -> int:
        return await reader.count(where, loaders.scope)

    return await paginate(
        fetch,
        lambda d: list(sort_key(d, sort)),
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=(str, int),
    )


async def my_dossiers(
    ctx: RequestContext,
    where: DossierFilter,
    *,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Dossier]:
    """The signed-in applicant's own dossiers, newest first."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    if ctx.principal.kind not in APPLICANT_KINDS or ctx.principal.account_id is None:
        raise Forbidden("Sign in with an applicant's account")
    return await dossiers(
        ctx,
        where,
        sort=DossierSort.NEWEST,
        first=first,
        after=after,
        last=last,
        before=before,
    )


async def dossier(ctx: RequestContext, dossier_id: int) -> Dossier | None:
    """One dossier, when the caller may see it."""
    return await ctx.dossier_loaders.visible(dossier_id)


async def by_tracking_code(ctx: RequestContext, code: str) -> Dossier | None:
    """The dossier a tracking code names (anyone; the schema shows its public status only)."""
    normal = tracking.normalise(code)
    if normal is None:
        return None
    return await ctx.dossiers.by_tracking_code(normal)
