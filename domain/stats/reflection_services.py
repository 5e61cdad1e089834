"""Field-report statistics of a unit's subtree: one period or a time series.

Read from the cells kept on write (domain.stats.reflection_rollup) in three statements: the
report cells, the step cells, and the steps open past their due now (counted live from the
open reports or parts: time, not a write, makes a step overdue).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.org.model import OrgUnit
from domain.reflections.model import Channel, SlaStep
from domain.stats.figures import stored_grain
from domain.stats.periods import Grain, ReportPeriod, parse_period, period_of, series
from domain.stats.reflection_figures import ReflectionFigures, reflection_figures
from domain.stats.reflection_rollup import Side
from domain.stats.services import Counts


@dataclass(frozen=True)
class ReflectionFilter:
    """Which reports: a side, some categories, channels, one commune (empty: all)."""

    side: Side = Side.AREA
    category_ids: tuple[int, ...] = ()
    channels: tuple[Channel, ...] = ()
    commune_id: int | None = None


@dataclass(frozen=True)
class ReflectionQuery:
    """Cells of a subtree (units of the side) over buckets [start, end) of a stored grain;
    `since` and `until` are the same range as instants, for the live overdue count."""

    unit_path: str
    grain: Grain
    start: date
    end: date
    since: datetime
    until: datetime
    where: ReflectionFilter
    time_zone: str = "UTC"


class ReflectionStatsReader(Protocol):
    """Reads of the field-report cells; each method is one SQL statement."""

    async def cells(self, query: ReflectionQuery) -> list[tuple[date, Counts]]:
        """(bucket, counters) summed over the subtree."""
        ...

    async def steps(self, query: ReflectionQuery) -> list[tuple[date, SlaStep, int, int]]:
        """(bucket, step, on time, late) summed over the subtree."""
        ...

    async def overdue(
        self, query: ReflectionQuery, now: datetime
    ) -> list[tuple[date, SlaStep, int]]:
        """(local day of receipt, step, steps) of the open steps past their due at `now`."""
        ...


def stored(grain: Grain) -> Grain:
    """The stored grain a period of `grain` is summed from."""
    return Grain.DAY if grain is Grain.DAY else stored_grain(grain)


class ReflectionStats:
    """Field-report figures of one subtree at `now`, in time zone `tz`."""

    def __init__(self, reader: ReflectionStatsReader, *, now: datetime, tz: str) -> None:
        self.reader = reader
        self.now = now
        self.zone = ZoneInfo(tz)

    async def period(self, unit: OrgUnit, name: str, where: ReflectionFilter) -> ReflectionFigures:
        """The figures of the period called `name` (2026-11-23, 2026-W47, 2026-11, 2026-Q4,
        2026)."""
        return (await self._many(unit.path, [parse_period(name, days=True)], where))[0]

    async def series(
        self,
        unit: OrgUnit,
        grain: Grain,
        first: str,
        last: str,
        where: ReflectionFilter,
    ) -> list[ReflectionFigures]:
        """The figures of every period of `grain` from `first` to `last`."""
        return await self._many(unit.path, series(grain, first, last, days=True), where)

    async def _many(
        self, unit_path: str, periods: Sequence[ReportPeriod], where: ReflectionFilter
    ) -> list[ReflectionFigures]:
        span = ReportPeriod(periods[0].start, periods[-1].end, periods[0].grain)
        query = ReflectionQuery(
            unit_path,
            stored(span.grain),
            span.start,
            span.end,
            datetime.combine(span.start, time(), self.zone),
            datetime.combine(span.end, time(), self.zone),
            where,
            self.zone.key,
        )
        counts: dict[ReportPeriod, Counter[str]] = defaultdict(Counter)
        steps: dict[ReportPeriod, dict[SlaStep, Counter[str]]] = defaultdict(dict)
        late: dict[ReportPeriod, Counter[SlaStep]] = defaultdict(Counter)
        for bucket, row in await self.reader.cells(query):
            counts[period_of(span.grain, bucket)].update(row)
        for bucket, step, on_time, late_count in await self.reader.steps(query):
            cell = steps[period_of(span.grain, bucket)].setdefault(step, Counter())
            cell.update({"on_time": on_time, "late": late_count})
        for day, step, count in await self.reader.overdue(query, self.now):
            late[period_of(span.grain, day)][step] += count
        return [reflection_figures(p, where.side, counts[p], steps[p], late[p]) for p in periods]
