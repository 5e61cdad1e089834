"""Queries on steering committees and articles (signed-in staff)."""

from __future__ import annotations

from domain.directory.model import Article, Committee, CommitteeMember
from domain.errors import DomainError, ErrorCode
from domain.paging import Seek
from resolvers.context import RequestContext
from resolvers.directory.people import require_staff, visible
from resolvers.pagination import Page, paginate


async def committees(
    ctx: RequestContext,
    *,
    standing_unit_id: int | None,
    search: str | None,
    first: int | None,
    after: str | None,
    member_id: int | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Committee]:
    """Committees, optionally those a unit is the standing agency of, or a person sits on."""
    require_staff(ctx)
    if search is not None and len(search) > 100:
        raise DomainError(ErrorCode.TOO_LONG, "search is longer than 100 characters", "search")
    if (
        member_id is not None
        and await visible(ctx, await ctx.loaders.person_by_id.load(member_id)) is None
    ):  # whose seats a caller may not learn: a person outside an integrator's scope
        raise DomainError(ErrorCode.NOT_FOUND, "Person not found", "memberId")

    async def fetch(seek: Seek[int], limit: int) -> list[Committee]:
        return await ctx.reader.committees(
            unit_id=standing_unit_id,
            search=search,
            after=seek.after,
            before=seek.before,
            backward=seek.backward,
            limit=limit,
            member_id=member_id,
        )

    async def count() -> int:
        rows = await ctx.reader.committees(
            unit_id=standing_unit_id,
            search=search,
            after=None,
            limit=100_000,
            member_id=member_id,
        )
        return len(rows)

    return await paginate(
        fetch,
        lambda c: c.id,
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=int,
    )


async def articles(
    ctx: RequestContext,
    *,
    unit_id: int | None,
    author_id: int | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Article]:
    """Articles and speeches, newest first: the province repository, a unit's (its own and
    every unit's under it: an office specialist's article reaches the department and the
    province), or an author's."""
    require_staff(ctx)
    unit_path = None
    if unit_id is not None:
        unit = await ctx.loaders.unit_by_id.load(unit_id)
        if unit is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unitId")
        unit_path = unit.path

    async def fetch(seek: Seek[int], limit: int) -> list[Article]:
        return await ctx.reader.articles(
            unit_path=unit_path,
            author_id=author_id,
            after=seek.after,
            before=seek.before,
            backward=seek.backward,
            limit=limit,
        )

    async def count() -> int:
        rows = await ctx.reader.articles(
            unit_path=unit_path, author_id=author_id, after=None, limit=100_000
        )
        return len(rows)

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


async def seats(
    ctx: RequestContext, person_id: int, *, include_dissolved: bool
) -> list[CommitteeMember]:
    """A person's seats in committees (batched over every person of the request), those of
    dissolved committees only when asked."""
    found: list[CommitteeMember] = await ctx.loaders.seats_by_person_id.load(person_id)
    if include_dissolved or not found:
        return found
    committees = await ctx.loaders.committee_by_id.load_many([s.committee_id for s in found])
    live = {c.id for c in committees if c is not None and c.dissolved_on is None}
    return [s for s in found if s.committee_id in live]
