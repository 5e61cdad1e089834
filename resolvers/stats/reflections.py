"""Field-report statistics for integrators, overseers and admins, inside the caller's scope."""

from __future__ import annotations

from domain.errors import DomainError, ErrorCode
from domain.stats.periods import Grain
from domain.stats.reflection_figures import ReflectionFigures
from domain.stats.reflection_services import ReflectionFilter, ReflectionStats
from resolvers.context import RequestContext
from resolvers.stats.queries import scoped_unit


def _stats(ctx: RequestContext) -> ReflectionStats:
    if ctx.reflection_stats is None:
        raise DomainError(ErrorCode.INVALID_STATE, "Field-report statistics are not available")
    return ReflectionStats(ctx.reflection_stats, now=ctx.now(), tz=ctx.time_zone)


async def reflection_stats(
    ctx: RequestContext, unit_id: int, period: str, where: ReflectionFilter
) -> ReflectionFigures:
    """The figures of one period over the unit's subtree."""
    unit = await scoped_unit(ctx, unit_id)
    return await _stats(ctx).period(unit, period, where)


async def reflection_stats_series(
    ctx: RequestContext,
    unit_id: int,
    *,
    grain: Grain,
    first: str,
    last: str,
    where: ReflectionFilter,
) -> list[ReflectionFigures]:
    """A time series of figures over the unit's subtree."""
    unit = await scoped_unit(ctx, unit_id)
    return await _stats(ctx).series(unit, grain, first, last, where)
