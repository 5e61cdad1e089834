"""Field-report statistics of a unit's subtree: one period or a time series.

Read from the cells kept on write (domain.stats.reflection_rollup) in three statements: the
report cells, the step cells, and the steps open past their due now (counted live from the
open reports or parts: time, not a write, makes a step overdue).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
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
    by_unit: bool = False
    """Split the rows per unit (its path); otherwise the path is ""."""


class ReflectionStatsReader(Protocol):
    """Reads of the field-report cells; each method is one SQL statement."""

    async def cells(self, query: ReflectionQuery) -> list[tuple[date, str, Counts]]:
        """(bucket, unit path, counters) summed over the subtree."""
        ...

    async def steps(self, query: ReflectionQuery) -> list[tuple[date, str, SlaStep, int, int]]:
        """(bucket, unit path, step, on time, late) summed over the subtree."""
        ...

    async def overdue(
        self, query: ReflectionQuery, now: datetime
    ) -> list[tuple[date, str, SlaStep, int]]:
        """(local day of receipt, unit path, step, steps) of the open steps past their due
        at `now`."""
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

    async def scorecards(
        self, parent: OrgUnit, children: Sequence[OrgUnit], year: int
    ) -> dict[int, ReflectionFigures]:
        """The year of each child over its subtree on the AGENCY side (the handling agencies'
        steps on time, 001 Art. 15), by child id; three statements for all of them."""
        period = parse_period(str(year), "year")
        where = ReflectionFilter(Side.AGENCY)
        owner = _owners(children)
        sums = await self._collect(
            self._query(parent.path, period, where, by_unit=True),
            lambda _day, path: owner(path),
        )
        return {c.id: sums.figures(period, where.side, c.id) for c in children}

    async def _many(
        self, unit_path: str, periods: Sequence[ReportPeriod], where: ReflectionFilter
    ) -> list[ReflectionFigures]:
        span = ReportPeriod(periods[0].start, periods[-1].end, periods[0].grain)
        sums = await self._collect(
            self._query(unit_path, span, where), lambda day, _: period_of(span.grain, day)
        )
        return [sums.figures(p, where.side, p) for p in periods]

    def _query(
        self, unit_path: str, span: ReportPeriod, where: ReflectionFilter, by_unit: bool = False
    ) -> ReflectionQuery:
        return ReflectionQuery(
            unit_path,
            stored(span.grain),
            span.start,
            span.end,
            datetime.combine(span.start, time(), self.zone),
            datetime.combine(span.end, time(), self.zone),
            where,
            self.zone.key,
            by_unit,
        )

    async def _collect(
        self, query: ReflectionQuery, key_of: Callable[[date, str], Hashable | None]
    ) -> _Sums:
        sums = _Sums()
        for bucket, path, row in await self.reader.cells(query):
            if (key := key_of(bucket, path)) is not None:
                sums.counts[key].update(row)
        for bucket, path, step, on_time, late in await self.reader.steps(query):
            if (key := key_of(bucket, path)) is not None:
                cell = sums.steps[key].setdefault(step, Counter())
                cell.update({"on_time": on_time, "late": late})
        for day, path, step, count in await self.reader.overdue(query, self.now):
            if (key := key_of(day, path)) is not None:
                sums.late[key][step] += count
        return sums


@dataclass
class _Sums:
    """Counters, step counters and overdue steps summed per key (a period, a child)."""

    counts: dict[Hashable, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    steps: dict[Hashable, dict[SlaStep, Counter[str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    late: dict[Hashable, Counter[SlaStep]] = field(default_factory=lambda: defaultdict(Counter))

    def figures(self, period: ReportPeriod, side: Side, key: Hashable) -> ReflectionFigures:
        return reflection_figures(period, side, self.counts[key], self.steps[key], self.late[key])


def _owners(children: Sequence[OrgUnit]) -> Callable[[str], int | None]:
    """A function giving, for a unit path, the child whose subtree holds it."""
    ordered = sorted(children, key=lambda c: -len(c.path))

    def owner(path: str) -> int | None:
        return next((c.id for c in ordered if path.startswith(c.path)), None)

    return owner
