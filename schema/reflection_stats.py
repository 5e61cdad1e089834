"""Field-report statistics: figures of a period and time series (001 Art. 15). Counts only:
no reporter, no content, no tracking code; secret reports are counted, never shown."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.reflections.model import CancelReason, Channel, Rating, SlaStep
from domain.stats import reflection_figures as figures
from domain.stats.periods import Grain
from domain.stats.reflection_rollup import Side
from domain.stats.reflection_services import ReflectionFilter
from resolvers.stats import reflections as queries
from schema.common import StatsGrain, ctx_of, decode_id
from schema.descriptions import GRAIN, Period, SeriesFrom, SeriesTo, describe_enum

StatsSide = describe_enum(
    Side,
    "ReflectionStatsSide",
    "Whom field-report figures are filed under",
    {
        Side.AREA: "The report's commune: each report counted once, where it happened",
        Side.AGENCY: "Each handling agency given a part of it: a report distributed to two "
        "agencies counts for each",
    },
)


@strawberry.type(description="How one step went")
class ReflectionStepStats:
    step: SlaStep = strawberry.field(description="The step with a limit")
    on_time: int = strawberry.field(description="Closed within its limit")
    late: int = strawberry.field(description="Closed after its limit")
    overdue: int = strawberry.field(description="Still open, past its limit now")
    on_time_rate: float | None = strawberry.field(
        description="onTime / (onTime + late + overdue); null when none"
    )


@strawberry.type(description="Cancellations for one reason (001 Art. 13)")
class ReflectionCancelCount:
    reason: CancelReason = strawberry.field(description="The reason")
    count: int = strawberry.field(description="Reports cancelled for it")


@strawberry.type(description="Reports rated one way by their reporters (001 Art. 12.3)")
class ReflectionRatingCount:
    rating: Rating = strawberry.field(description="The rating")
    count: int = strawberry.field(description="Reports rated so")


@strawberry.type(
    description="The field reports received in a period (local date of receipt), as they "
    "stand now. Counts only: no reporter data and no content."
)
class ReflectionStats:
    period: str = strawberry.field(description='"2026-11-23", "2026-W47", "2026-11", "2026"')
    start: date = strawberry.field(description="First day of the period (local date)")
    end: date = strawberry.field(description="Day after the period's last day")
    side: StatsSide = strawberry.field(  # type: ignore[valid-type]
        description="Whom the figures are filed under"
    )
    received: int = strawberry.field(description="Reports (agency side: parts given)")
    handled: int = strawberry.field(
        description="Answered: published or the result sent to the reporter (agency side: "
        "result approved)"
    )
    open: int = strawberry.field(description="Still being handled")
    returned: int = strawberry.field(description="Agency side: returned as not competent")
    secret: int = strawberry.field(description="Reporter asked for secrecy (counted only)")
    cancelled: int = strawberry.field(description="Cancelled (area side)")
    cancelled_by_reason: list[ReflectionCancelCount] = strawberry.field(
        description="The cancellations by reason (area side)"
    )
    ratings: list[ReflectionRatingCount] = strawberry.field(
        description="The reporters' ratings, by rating"
    )
    rated: int = strawberry.field(description="Reports their reporters rated")
    satisfaction_rate: float | None = strawberry.field(
        description="(SATISFIED + ACCEPTABLE) / rated; null when none rated"
    )
    overdue: int = strawberry.field(description="Open steps past their limit now")
    on_time_rate: float | None = strawberry.field(
        description="Steps closed on time / (closed + open past their limit)"
    )
    steps: list[ReflectionStepStats] = strawberry.field(description="Per step with a limit")

    @classmethod
    def from_domain(cls, f: figures.ReflectionFigures) -> ReflectionStats:
        """The GraphQL view of domain figures."""
        return cls(
            period=f.period.name,
            start=f.period.start,
            end=f.period.end,
            side=f.side,
            received=f.received,
            handled=f.handled,
            open=f.open,
            returned=f.returned,
            secret=f.secret,
            cancelled=f.cancelled_total,
            cancelled_by_reason=[
                ReflectionCancelCount(reason=r, count=n) for r, n in f.cancelled.items()
            ],
            ratings=[ReflectionRatingCount(rating=r, count=n) for r, n in f.ratings.items()],
            rated=f.rated,
            satisfaction_rate=f.satisfaction_rate,
            overdue=f.overdue,
            on_time_rate=f.on_time_rate,
            steps=[
                ReflectionStepStats(
                    step=s.step,
                    on_time=s.on_time,
                    late=s.late,
                    overdue=s.overdue,
                    on_time_rate=s.on_time_rate,
                )
                for s in f.steps
            ],
        )


_UNIT = strawberry.argument(
    description="The unit whose subtree is counted (its communes, or its agencies on the "
    "AGENCY side); it must lie in the caller's scope (OUT_OF_SCOPE otherwise)"
)
_SIDE = strawberry.argument(description="Count under communes (default) or agencies")
_CATEGORIES = strawberry.argument(description="Only these categories (default: all)")
_CHANNELS = strawberry.argument(description="Only these channels (default: all)")
_COMMUNE = strawberry.argument(description="Only reports located in this commune")


def _filter(
    side: Side,
    categories: list[strawberry.ID] | None,
    channels: list[Channel] | None,
    commune: strawberry.ID | None,
) -> ReflectionFilter:
    return ReflectionFilter(
        side=Side(side),
        category_ids=tuple(
            decode_id(c, "ReflectionCategory", "categoryIds") for c in categories or ()
        ),
        channels=tuple(Channel(c) for c in channels or ()),
        commune_id=decode_id(commune, "OrgUnit", "communeId") if commune else None,
    )


@strawberry.type
class ReflectionStatsQuery:
    @strawberry.field(
        description="Field-report figures of one period over a unit's subtree. Integrator "
        "keys, overseers and admins, inside their scope. Periods: 2026-11-23, 2026-W47, "
        "2026-11, 2026-Q4, 2026 (INVALID_PERIOD for one that does not exist)."
    )
    async def reflection_stats(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, _UNIT],
        period: Period,
        side: Annotated[StatsSide, _SIDE] = Side.AREA,  # type: ignore[valid-type]
        category_ids: Annotated[list[strawberry.ID] | None, _CATEGORIES] = None,
        channels: Annotated[list[Channel] | None, _CHANNELS] = None,
        commune_id: Annotated[strawberry.ID | None, _COMMUNE] = None,
    ) -> ReflectionStats:
        where = _filter(side, category_ids, channels, commune_id)
        found = await queries.reflection_stats(
            ctx_of(info), decode_id(unit_id, "OrgUnit", "unitId"), period, where
        )
        return ReflectionStats.from_domain(found)

    @strawberry.field(
        description="Field-report figures of every period of `grain` from `from` to `to` "
        "(both named in that grain: 2026-W01..2026-W10, 2026-01..2026-12), at most 120"
    )
    async def reflection_stats_series(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, _UNIT],
        grain: Annotated[StatsGrain, strawberry.argument(description=GRAIN)],  # type: ignore[valid-type]
        from_: SeriesFrom,
        to: SeriesTo,
        side: Annotated[StatsSide, _SIDE] = Side.AREA,  # type: ignore[valid-type]
        category_ids: Annotated[list[strawberry.ID] | None, _CATEGORIES] = None,
        channels: Annotated[list[Channel] | None, _CHANNELS] = None,
        commune_id: Annotated[strawberry.ID | None, _COMMUNE] = None,
    ) -> list[ReflectionStats]:
        found = await queries.reflection_stats_series(
            ctx_of(info),
            decode_id(unit_id, "OrgUnit", "unitId"),
            grain=Grain(grain),
            first=from_,
            last=to,
            where=_filter(side, category_ids, channels, commune_id),
        )
        return [ReflectionStats.from_domain(f) for f in found]
