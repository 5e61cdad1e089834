"""Public queries of the procedure catalog (002 Art. 7: anyone, signed in or not)."""

from __future__ import annotations

from domain.catalog.model import Procedure
from domain.catalog.reading import ProcedureFilter
from domain.errors import DomainError, ErrorCode
from domain.paging import Seek
from domain.text import fold
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate

MAX_SEARCH = 100
MAX_WORDS = 6


def _filter(search: str | None, agency_id: int | None, field: str | None) -> ProcedureFilter:
    if search is not None and len(search) > MAX_SEARCH:
        raise DomainError(
            ErrorCode.TOO_LONG, f"search is longer than {MAX_SEARCH} characters", "search"
        )
    if field is not None and len(field) > 200:
        raise DomainError(ErrorCode.TOO_LONG, "field is longer than 200 characters", "field")
    field_key = fold(field) if field is not None and field.strip() else None
    return ProcedureFilter(
        words=tuple(fold(search or "").split()[:MAX_WORDS]),
        agency_unit_id=agency_id,
        field_key=field_key,
    )


async def procedures(
    ctx: RequestContext,
    *,
    search: str | None,
    agency_id: int | None,
    field: str | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Procedure]:
    """Procedures by code: every word of `search` in the code or name (diacritics ignored),
    of one agency, of one field."""
    where = _filter(search, agency_id, field)

    async def fetch(seek: Seek[str], limit: int) -> list[Procedure]:
        found = await ctx.catalog.procedures(where, seek=seek, limit=limit)
        for item in found:
            ctx.catalog_loaders.procedure_by_id.prime(item.id, item)
        return found

    async def count() -> int:
        return await ctx.catalog.count_procedures(where)

    return await paginate(
        fetch,
        lambda p: p.code,
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=str,
    )


async def procedure(ctx: RequestContext, code: str) -> Procedure | None:
    """A procedure by its code (case-insensitive); null when there is none."""
    cleaned = code.strip().upper()
    if not cleaned or len(cleaned) > 40:
        return None
    found: Procedure | None = await ctx.catalog_loaders.procedure_by_code.load(cleaned)
    return found
