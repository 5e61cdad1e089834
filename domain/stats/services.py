"""Task statistics of a unit's subtree: one period, a time series, yearly unit scorecards.

Every answer is read from the cells kept on write (domain.stats.rollup) in three statements
at most: the cells, the handling-time histogram, and, for a period holding today, the open
tasks already past their deadline (counted live: time, not a write, makes a task overdue).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

from domain import permissions
from domain.errors import DomainError, ErrorCode
from domain.org.model import OrgUnit
from domain.permissions import Principal
from domain.stats.figures import TaskFigures, figures, stored_grain
from domain.stats.periods import Grain, ReportPeriod, parse_period, period_of, series
from domain.stats.reflection_figures import ReflectionFigures
from domain.tasks.model import TaskKind

Counts = Mapping[str, int]


@dataclass(frozen=True)
class CellQuery:
    """Which cells to read: a subtree, a range of buckets of one stored grain, some kinds."""

    unit_path: str
    grain: Grain
    start: date
    end: date
    kinds: tuple[TaskKind, ...] = ()
    by_unit: bool = False
    """Split the rows per lead unit (its path); otherwise the unit path is ""."""


class StatsReader(Protocol):
    """Reads of the statistics cells; each method is one SQL statement."""

    async def cells(self, query: CellQuery) -> list[tuple[date, str, Counts]]:
        """(bucket, unit path, counters) summed over kinds and units of the subtree."""
        ...

    async def histogram(self, query: CellQuery) -> list[tuple[date, str, int, int]]:
        """(bucket, unit path, tenths of a working day, tasks) of completed tasks."""
        ...

    async def overdue_now(self, query: CellQuery, since: datetime, now: datetime) -> dict[str, int]:
        """Open tasks (per unit path) whose deadline lies in [since, now)."""
        ...


@dataclass(frozen=True)
class Scorecard:
    """One unit's year (004 Art. 12): its figures over its subtree and its rank."""

    unit: OrgUnit
    figures: TaskFigures
    rank: int
    reflections: ReflectionFigures | None = None
    """The year's field reports on the agency side (001 Art. 15), when asked for."""


def check_scope(principal: Principal, unit: OrgUnit | None) -> OrgUnit:
    """The unit, when the caller's stats scope covers it; else NOT_FOUND or OUT_OF_SCOPE."""
    if unit is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unitId")
    if not permissions.can_view_stats(principal, unit.path):
        raise DomainError(
            ErrorCode.OUT_OF_SCOPE, "The unit is outside the scope of your key or roles", "unitId"
        )
    return unit


class TaskStats:
    """Figures of one subtree, read through a StatsReader at `now` in time zone `tz`."""

    def __init__(self, reader: StatsReader, *, now: datetime, tz: str) -> None:
        self.reader = reader
        self.now = now
        self.zone = ZoneInfo(tz)
        self.today = now.astimezone(self.zone).date()

    async def period(self, unit: OrgUnit, name: str, kinds: Sequence[TaskKind] = ()) -> TaskFigures:
        """The figures of the period called `name` ("2026-11", "2026-Q4", "2026-W47")."""
        period = parse_period(name)
        return (await self._many(unit.path, [period], kinds))[0]

    async def series(
        self, unit: OrgUnit, grain: Grain, first: str, last: str, kinds: Sequence[TaskKind] = ()
    ) -> list[TaskFigures]:
        """The figures of every period of `grain` from `first` to `last`."""
        return await self._many(unit.path, series(grain, first, last), kinds)

    async def scorecards(
        self,
        parent: OrgUnit,
        children: Sequence[OrgUnit],
        year: int,
        kinds: Sequence[TaskKind] = (),
    ) -> list[Scorecard]:
        """The year of each of the parent's `children`, over its subtree, ranked by on-time
        rate (then fewer overdue, then fewer late)."""
        period = parse_period(str(year), "year")
        if not children:
            return []
        query = CellQuery(parent.path, Grain.MONTH, period.start, period.end, tuple(kinds), True)
        rows, hist, live = await self._read(query, period)
        owner = _owners(children)
        by_child_cells: dict[int, list[tuple[date, Counts]]] = defaultdict(list)
        by_child_hist: dict[int, Counter[int]] = defaultdict(Counter)
        by_child_live: Counter[int] = Counter()
        for bucket, path, counts in rows:
            if (child := owner(path)) is not None:
                by_child_cells[child].append((bucket, counts))
        for _, path, tenths, count in hist:
            if (child := owner(path)) is not None:
                by_child_hist[child][tenths] += count
        for path, count in live.items():
            if (child := owner(path)) is not None:
                by_child_live[child] += count
        cards = [
            (
                child,
                figures(
                    period,
                    _by_bucket(by_child_cells[child.id]),
                    by_child_hist[child.id],
                    today=self.today,
                    overdue_now=by_child_live[child.id],
                ),
            )
            for child in children
        ]
        cards.sort(key=lambda c: _rank_key(c[1], c[0].name))
        return [Scorecard(unit, f, rank) for rank, (unit, f) in enumerate(cards, start=1)]

    async def _many(
        self, unit_path: str, periods: list[ReportPeriod], kinds: Sequence[TaskKind]
    ) -> list[TaskFigures]:
        span = ReportPeriod(periods[0].start, periods[-1].end, periods[0].grain)
        grain = stored_grain(span.grain)
        query = CellQuery(unit_path, grain, span.start, span.end, tuple(kinds))
        rows, hist, live = await self._read(query, span)
        cells: dict[ReportPeriod, list[tuple[date, Counts]]] = defaultdict(list)
        histograms: dict[ReportPeriod, Counter[int]] = defaultdict(Counter)
        for bucket, _, counts in rows:
            cells[period_of(span.grain, bucket)].append((bucket, counts))
        for bucket, _, tenths, count in hist:
            histograms[period_of(span.grain, bucket)][tenths] += count
        overdue_now = sum(live.values())
        return [
            figures(
                p,
                _by_bucket(cells[p]),
                histograms[p],
                today=self.today,
                overdue_now=overdue_now if p.contains(self.today) else 0,
            )
            for p in periods
        ]

    async def _read(
        self, query: CellQuery, span: ReportPeriod
    ) -> tuple[list[tuple[date, str, Counts]], list[tuple[date, str, int, int]], dict[str, int]]:
        rows = await self.reader.cells(query)
        hist = await self.reader.histogram(query)
        live: dict[str, int] = {}
        if span.contains(self.today):
            bucket = period_of(query.grain, self.today)
            since = datetime.combine(bucket.start, time(), self.zone)
            live = await self.reader.overdue_now(query, since, self.now)
        return rows, hist, live


def _by_bucket(cells: list[tuple[date, Counts]]) -> list[tuple[date, Counts]]:
    """Cells of several units summed per bucket."""
    merged: dict[date, Counter[str]] = defaultdict(Counter)
    for bucket, counts in cells:
        merged[bucket].update(counts)
    return sorted(merged.items())


def _rank_key(f: TaskFigures, name: str) -> tuple[float, int, int, str]:
    rate = f.on_time_rate
    return (-(rate if rate is not None else -1.0), f.open_overdue, f.done_late, name)


def _owners(children: Sequence[OrgUnit]) -> Callable[[str], int | None]:
    """A function giving, for a unit path, the child whose subtree holds it."""
    ordered = sorted(children, key=lambda c: -len(c.path))

    def owner(path: str) -> int | None:
        return next((c.id for c in ordered if path.startswith(c.path)), None)

    return owner
