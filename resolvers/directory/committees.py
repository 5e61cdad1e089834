"""Queries on steering committees and articles (signed-in staff)."""

from __future__ import annotations

from domain.directory.model import Article, Committee
from resolvers.context import RequestContext
from resolvers.directory.people import require_staff
from resolvers.pagination import Page, paginate


async def committees(
    ctx: RequestContext,
    *,
    standing_unit_id: int | None,
    search: str | None,
    first: int | None,
    after: str | None,
) -> Page[Committee]:
    """Committees, optionally those a unit is the standing agency of."""
    require_staff(ctx)

    async def fetch(after_key: int | None, limit: int) -> list[Committee]:
        return await ctx.reader.committees(
            unit_id=standing_unit_id, search=search, after=after_key, limit=limit
        )

    async def count() -> int:
        rows = await ctx.reader.committees(
            unit_id=standing_unit_id, search=search, after=None, limit=100_000
        )
        return len(rows)

    return await paginate(fetch, lambda c: c.id, first=first, after=after, count=count, shape=int)


async def articles(
    ctx: RequestContext,
    *,
    unit_id: int | None,
    author_id: int | None,
    first: int | None,
    after: str | None,
) -> Page[Article]:
    """Articles and speeches, newest first: the province repository, a unit's, or an author's."""
    require_staff(ctx)

    async def fetch(after_key: int | None, limit: int) -> list[Article]:
        return await ctx.reader.articles(
            unit_id=unit_id, author_id=author_id, after=after_key, limit=limit
        )

    async def count() -> int:
        rows = await ctx.reader.articles(
            unit_id=unit_id, author_id=author_id, after=None, limit=100_000
        )
        return len(rows)

    return await paginate(fetch, lambda a: a.id, first=first, after=after, count=count, shape=int)
