"""Reads of periodic reports: the types and a round's aggregates (the writes are commands,
domain/reports/commands.py)."""

from __future__ import annotations

from domain import permissions
from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.reports import services
from domain.reports.model import ReportType
from domain.reports.services import Aggregate
from resolvers.context import RequestContext


async def report_types(ctx: RequestContext) -> list[ReportType]:
    """Every report type (signed-in staff)."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    return await ctx.reports.list_types()


async def report_aggregate(
    ctx: RequestContext, report_type_id: int, period: str, unit_id: int
) -> Aggregate:
    """A round over a unit's subtree, for those who may read it."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    unit = await ctx.loaders.unit_by_id.load(unit_id)
    if unit is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unitId")
    if not permissions.can_view_reports(ctx.principal, unit.path, unit.id):
        raise DomainError(ErrorCode.OUT_OF_SCOPE, "The unit is outside your scope", "unitId")
    report_type = await services.known_type(ctx.reports, report_type_id)
    named = services.period_of_type(report_type, period)
    return await services.aggregate(ctx.reports, report_type, named, unit, ctx.time_zone)


async def aggregate_for_download(
    ctx: RequestContext, code: str, period: str, unit_code: str
) -> tuple[Aggregate, dict[int, str]]:
    """The aggregate of a report type named by code over a unit named by code, and the
    names of the units it sums up to."""
    found = await ctx.reports.get_type_by_code(code.strip().upper())
    if found is None:
        raise DomainError(ErrorCode.UNKNOWN_REPORT_TYPE, "Unknown report type", "code")
    units = await ctx.reader.units_by_codes([unit_code])
    if not units:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unit")
    result = await report_aggregate(ctx, found.id, period, units[0].id)
    child_ids = [c.unit_id for c in result.by_child()]
    names = {u.id: u.name for u in await ctx.reader.units_by_ids(child_ids)}
    return result, names
