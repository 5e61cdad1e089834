"""Task and field-report exports for integrators and BI: a subtree inside the caller's stats
scope."""

from __future__ import annotations

from collections.abc import AsyncIterator

from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.org.model import OrgUnit
from domain.stats.exports import ExportRange, ExportReader, export_range
from domain.stats.services import check_scope
from resolvers.context import RequestContext


async def export_tasks(
    ctx: RequestContext, unit_code: str, first: str, last: str
) -> tuple[OrgUnit, AsyncIterator[tuple[object, ...]]]:
    """The unit and a stream of its subtree's task rows due from `first` to `last`."""
    unit, where, exports = await _scoped_range(ctx, unit_code, first, last)
    return unit, exports.task_rows(where, ctx.now())


async def export_reflections(
    ctx: RequestContext, unit_code: str, first: str, last: str
) -> tuple[OrgUnit, AsyncIterator[tuple[object, ...]]]:
    """The unit and a stream of the field reports located in its subtree, received from
    `first` to `last` (no reporter data, no content)."""
    unit, where, exports = await _scoped_range(ctx, unit_code, first, last)
    return unit, exports.reflection_rows(where, ctx.now())


async def export_dossiers(
    ctx: RequestContext, unit_code: str, first: str, last: str
) -> tuple[OrgUnit, AsyncIterator[tuple[object, ...]]]:
    """The unit and a stream of the dossiers its subtree's agencies received, submitted from
    `first` to `last` (no applicant data, tracking code, address, files or result number)."""
    unit, where, exports = await _scoped_range(ctx, unit_code, first, last)
    return unit, exports.dossier_rows(where, ctx.now())


async def _scoped_range(
    ctx: RequestContext, unit_code: str, first: str, last: str
) -> tuple[OrgUnit, ExportRange, ExportReader]:
    if not ctx.principal.signed_in:
        raise Unauthenticated
    if ctx.exports is None:
        raise DomainError(ErrorCode.INVALID_STATE, "Exports are not available here")
    found = await ctx.reader.units_by_codes([unit_code]) if unit_code else []
    unit = check_scope(ctx.principal, found[0] if found else None)
    return unit, export_range(unit.path, first, last, ctx.time_zone), ctx.exports
