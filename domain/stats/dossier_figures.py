"""Dossier figures of a unit's subtree and a period, per agency and procedure (002; national
one-stop reporting): read from the cells kept on write (domain.stats.dossier_rollup) in two
statements, the cells and the open dossiers past their limit now (counted live: time, not a
write, makes a dossier overdue).

A dossier belongs to the period of its reception. On-time rate = (early + on time) / (early +
on time + late + open overdue); online share = online / received; satisfaction per criterion
of Art. 8: answers, average score, share of 4s and 5s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.dossiers.model import SurveyCriterion
from domain.dossiers.survey import CriterionFigure
from domain.stats.figures import stored_grain
from domain.stats.periods import Grain, ReportPeriod, invalid, parse_period

Key = tuple[int, int]  # agency unit id, procedure id


@dataclass(frozen=True)
class DossierStatsQuery:
    """The cells of a subtree over [start, end) of a stored grain; the same range as instants
    for the live overdue count; optionally some procedures only."""

    unit_path: str
    grain: Grain
    start: date
    end: date
    since: datetime
    until: datetime
    procedure_ids: tuple[int, ...] = ()


class DossierStatsReader(Protocol):
    """Reads of the dossier cells; each method is one SQL statement."""

    async def cells(self, query: DossierStatsQuery) -> list[tuple[Key, Mapping[str, int]]]:
        """(agency, procedure) and its counters summed over the buckets."""
        ...

    async def overdue(self, query: DossierStatsQuery, now: datetime) -> list[tuple[Key, int]]:
        """(agency, procedure) and its open dossiers received in the range, past their limit."""
        ...


@dataclass(frozen=True)
class DossierFigures:
    """How the dossiers received in one period stand."""

    period: ReportPeriod
    received: int
    online: int
    done_early: int
    done_on_time: int
    done_late: int
    open_within_deadline: int
    open_overdue: int
    withdrawn: int
    supplemented: int
    surveyed: int
    satisfaction: tuple[CriterionFigure, ...] = field(default=())

    @property
    def online_share(self) -> float | None:
        """Received online / received; None when none was received."""
        return round(self.online / self.received, 4) if self.received else None

    @property
    def on_time_rate(self) -> float | None:
        """(Early + on time) / (early + on time + late + open overdue); None when none."""
        good = self.done_early + self.done_on_time
        judged = good + self.done_late + self.open_overdue
        return round(good / judged, 4) if judged else None


def figures_of(period: ReportPeriod, counts: Mapping[str, int], overdue: int) -> DossierFigures:
    """Figures from summed counters and the live overdue count."""
    open_ = counts.get("open", 0)
    late_now = min(overdue, open_)
    satisfaction = tuple(
        CriterionFigure(
            criterion,
            counts.get(f"{criterion.value.lower()}_answers", 0),
            counts.get(f"{criterion.value.lower()}_sum", 0),
            counts.get(f"{criterion.value.lower()}_satisfied", 0),
        )
        for criterion in SurveyCriterion
    )
    return DossierFigures(
        period=period,
        received=counts.get("received", 0),
        online=counts.get("online", 0),
        done_early=counts.get("done_early", 0),
        done_on_time=counts.get("done_on_time", 0),
        done_late=counts.get("done_late", 0),
        open_within_deadline=open_ - late_now,
        open_overdue=late_now,
        withdrawn=counts.get("withdrawn", 0),
        supplemented=counts.get("supplemented", 0),
        surveyed=counts.get("surveyed", 0),
        satisfaction=satisfaction,
    )


@dataclass(frozen=True)
class DossierBreakdown:
    """A period's figures in total, per receiving agency and per procedure."""

    total: DossierFigures
    by_agency: dict[int, DossierFigures]
    by_procedure: dict[int, DossierFigures]


def query_of(unit_path: str, name: str, tz: str, procedure_ids: Sequence[int]) -> DossierStatsQuery:
    """The cells a period needs (weeks from week cells; months, quarters, years from month
    cells); a day is INVALID_PERIOD (dossiers are kept by week and month)."""
    period = parse_period(name)
    if period.grain is Grain.DAY:
        raise invalid("Dossier figures are kept by week and month")
    zone = ZoneInfo(tz)
    return DossierStatsQuery(
        unit_path=unit_path,
        grain=stored_grain(period.grain),
        start=period.start,
        end=period.end,
        since=datetime.combine(period.start, time(), zone).astimezone(UTC),
        until=datetime.combine(period.end, time(), zone).astimezone(UTC),
        procedure_ids=tuple(procedure_ids),
    )


async def dossier_figures(
    reader: DossierStatsReader,
    unit_path: str,
    name: str,
    *,
    now: datetime,
    tz: str,
    procedure_ids: Sequence[int] = (),
) -> DossierBreakdown:
    """The figures of the period called `name` over the unit's subtree."""
    query = query_of(unit_path, name, tz, procedure_ids)
    period = parse_period(name)
    cells = await reader.cells(query)
    late = dict(await reader.overdue(query, now))
    total: Counter[str] = Counter()
    agencies: dict[int, Counter[str]] = {}
    procedures: dict[int, Counter[str]] = {}
    late_by_agency: Counter[int] = Counter()
    late_by_procedure: Counter[int] = Counter()
    for (agency, procedure), counts in cells:
        total.update(counts)
        agencies.setdefault(agency, Counter()).update(counts)
        procedures.setdefault(procedure, Counter()).update(counts)
    for (agency, procedure), n in late.items():
        late_by_agency[agency] += n
        late_by_procedure[procedure] += n
    return DossierBreakdown(
        total=figures_of(period, total, sum(late.values())),
        by_agency={a: figures_of(period, c, late_by_agency[a]) for a, c in agencies.items()},
        by_procedure={
            p: figures_of(period, c, late_by_procedure[p]) for p, c in procedures.items()
        },
    )
