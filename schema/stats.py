"""Task statistics: figures of a period, time series, yearly unit scorecards (004 Art. 11-12)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.stats import figures as domain_figures
from domain.stats import services
from domain.stats.periods import Grain
from domain.tasks.model import TaskKind
from resolvers.stats import queries
from schema.common import StatsGrain, ctx_of, decode_id
from schema.descriptions import GRAIN, Period, SeriesFrom, SeriesTo
from schema.org import OrgUnit
from schema.reflection_stats import ReflectionStats


@strawberry.type(
    description="How the tasks due in a period stand. A task belongs to the period of its "
    "deadline (of its creation when it has none); cancelled and escalated tasks are not "
    "counted. Open tasks past their deadline are overdue."
)
class TaskStats:
    period: str = strawberry.field(description='The period ("2026-11", "2026-Q4", "2026-W47")')
    start: date = strawberry.field(description="First day of the period (local date)")
    end: date = strawberry.field(description="Day after the period's last day")
    total: int = strawberry.field(description="Tasks counted")
    done_on_time: int = strawberry.field(description="Completed by their deadline")
    done_late: int = strawberry.field(description="Completed after their deadline")
    done_without_deadline: int = strawberry.field(description="Completed, no deadline set")
    open_within_deadline: int = strawberry.field(description="Open, deadline not yet passed")
    open_overdue: int = strawberry.field(description="Open, deadline passed")
    open_without_deadline: int = strawberry.field(description="Open, no deadline set")
    on_time_rate: float | None = strawberry.field(
        description="doneOnTime / (doneOnTime + doneLate + openOverdue), 0..1; null when "
        "nothing was due yet"
    )
    median_handling_days: float | None = strawberry.field(
        description="Median working days from sending to completion (tenths of a day)"
    )

    @classmethod
    def from_domain(cls, f: domain_figures.TaskFigures) -> TaskStats:
        """The GraphQL view of domain figures."""
        return cls(
            period=f.period.name,
            start=f.period.start,
            end=f.period.end,
            total=f.total,
            done_on_time=f.done_on_time,
            done_late=f.done_late,
            done_without_deadline=f.done_without_deadline,
            open_within_deadline=f.open_within_deadline,
            open_overdue=f.open_overdue,
            open_without_deadline=f.open_without_deadline,
            on_time_rate=f.on_time_rate,
            median_handling_days=f.median_handling_days,
        )


@strawberry.type(description="A unit's year for the administrative-reform ranking (004 Art. 12)")
class UnitScorecard:
    rank: int = strawberry.field(
        description="1 = best on-time rate among its siblings (ties: fewer overdue, fewer late)"
    )
    unit: OrgUnit = strawberry.field(description="The unit (its figures cover its subtree)")
    stats: TaskStats = strawberry.field(description="The unit's figures for the year")
    reflections: ReflectionStats | None = strawberry.field(
        description="The year's field reports handled by the agencies of the unit's subtree "
        "(AGENCY side: their steps on time, 001 Art. 15); not part of the rank"
    )

    @classmethod
    def from_domain(cls, card: services.Scorecard) -> UnitScorecard:
        """The GraphQL view of a scorecard."""
        return cls(
            rank=card.rank,
            unit=OrgUnit.from_domain(card.unit),
            stats=TaskStats.from_domain(card.figures),
            reflections=ReflectionStats.from_domain(card.reflections)
            if card.reflections is not None
            else None,
        )


_KINDS = strawberry.argument(description="Only these task kinds (default: all)")
_UNIT = strawberry.argument(
    description="The unit whose subtree is counted; it must lie in the caller's scope "
    "(OUT_OF_SCOPE otherwise)"
)


@strawberry.type
class StatsQuery:
    @strawberry.field(
        description="Task figures of one period over a unit's subtree. Integrator keys, "
        "overseers and admins, inside their scope. Periods: 2026-W47, 2026-11, 2026-Q4, 2026 "
        "(INVALID_PERIOD for one that does not exist)."
    )
    async def task_stats(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, _UNIT],
        period: Period,
        kinds: Annotated[list[TaskKind] | None, _KINDS] = None,
    ) -> TaskStats:
        found = await queries.task_stats(
            ctx_of(info), decode_id(unit_id, "OrgUnit", "unitId"), period, kinds or ()
        )
        return TaskStats.from_domain(found)

    @strawberry.field(
        description="Task figures of every period of `grain` from `from` to `to` (both named "
        "in that grain: 2026-W01..2026-W10, 2026-01..2026-12), at most 120 periods"
    )
    async def task_stats_series(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, _UNIT],
        grain: Annotated[StatsGrain, strawberry.argument(description=GRAIN)],  # type: ignore[valid-type]
        from_: SeriesFrom,
        to: SeriesTo,
        kinds: Annotated[list[TaskKind] | None, _KINDS] = None,
    ) -> list[TaskStats]:
        found = await queries.task_stats_series(
            ctx_of(info),
            decode_id(unit_id, "OrgUnit", "unitId"),
            grain=Grain(grain),
            first=from_,
            last=to,
            kinds=kinds or (),
        )
        return [TaskStats.from_domain(f) for f in found]

    @strawberry.field(
        description="The year of each active unit directly under a unit, ranked by on-time "
        "rate (004 Art. 12: yearly evaluation feeding administrative-reform ranking)"
    )
    async def unit_scorecards(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, _UNIT],
        year: Annotated[int, strawberry.argument(description="The calendar year, 2000 to 2100")],
        kinds: Annotated[list[TaskKind] | None, _KINDS] = None,
    ) -> list[UnitScorecard]:
        found = await queries.unit_scorecards(
            ctx_of(info), decode_id(unit_id, "OrgUnit", "unitId"), year, kinds or ()
        )
        return [UnitScorecard.from_domain(c) for c in found]
