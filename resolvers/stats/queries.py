"""Task statistics for integrators, overseers and admins, inside the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from domain.errors import Unauthenticated
from domain.org.model import OrgUnit, UnitStatus
from domain.stats.figures import TaskFigures
from domain.stats.periods import Grain
from domain.stats.reflection_services import ReflectionStats
from domain.stats.services import Scorecard, TaskStats, check_scope
from domain.tasks.model import TaskKind
from resolvers.context import RequestContext


async def scoped_unit(ctx: RequestContext, unit_id: int) -> OrgUnit:
    """The unit, when the caller's stats scope covers it (typed error otherwise)."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    return check_scope(ctx.principal, await ctx.loaders.unit_by_id.load(unit_id))


def _stats(ctx: RequestContext) -> TaskStats:
    return TaskStats(ctx.stats, now=ctx.now(), tz=ctx.time_zone)


async def task_stats(
    ctx: RequestContext, unit_id: int, period: str, kinds: Sequence[TaskKind]
) -> TaskFigures:
    """The figures of one period over the unit's subtree."""
    unit = await scoped_unit(ctx, unit_id)
    return await _stats(ctx).period(unit, period, kinds)


async def task_stats_series(
    ctx: RequestContext,
    unit_id: int,
    *,
    grain: Grain,
    first: str,
    last: str,
    kinds: Sequence[TaskKind],
) -> list[TaskFigures]:
    """A time series of figures over the unit's subtree."""
    unit = await scoped_unit(ctx, unit_id)
    return await _stats(ctx).series(unit, grain, first, last, kinds)


async def unit_scorecards(
    ctx: RequestContext, unit_id: int, year: int, kinds: Sequence[TaskKind]
) -> list[Scorecard]:
    """The year of each active unit directly under the unit, ranked (004 Art. 12)."""
    parent = await scoped_unit(ctx, unit_id)
    children = [
        u for u in await ctx.reader.children_of([parent.id]) if u.status is UnitStatus.ACTIVE
    ]
    cards = await _stats(ctx).scorecards(parent, children, year, kinds)
    if ctx.reflection_stats is None:
        return cards
    agencies = await ReflectionStats(
        ctx.reflection_stats, now=ctx.now(), tz=ctx.time_zone
    ).scorecards(parent, children, year)
    return [replace(c, reflections=agencies.get(c.unit.id)) for c in cards]
