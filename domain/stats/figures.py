"""Task figures of a period: counts by status class, on-time rate, median handling time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from domain.stats.periods import Grain, ReportPeriod, period_of


@dataclass(frozen=True)
class TaskFigures:
    """How the tasks due in one period stand (004 Art. 11-12).

    A task belongs to the period of its deadline (of its creation when it has none); open
    tasks count as overdue once their deadline has passed. The on-time rate is the share done
    on time among the tasks whose outcome is known: done on time, done late, open overdue.
    """

    period: ReportPeriod
    total: int
    done_on_time: int
    done_late: int
    done_without_deadline: int
    open_within_deadline: int
    open_overdue: int
    open_without_deadline: int
    median_handling_days: float | None

    @property
    def on_time_rate(self) -> float | None:
        """Done on time / (done on time + done late + open overdue); None when none is due."""
        judged = self.done_on_time + self.done_late + self.open_overdue
        return round(self.done_on_time / judged, 4) if judged else None


def median_tenths(histogram: Mapping[int, int]) -> float | None:
    """The median of a histogram of tenths of working days, in working days."""
    size = sum(histogram.values())
    if size <= 0:
        return None
    middle = ((size - 1) // 2, size // 2)
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        found.extend(value for index in middle if seen <= index < seen + count)
        seen += count
    return round(sum(found) / len(found) / 10, 2)


def stored_grain(grain: Grain) -> Grain:
    """The grain of the cells a period of `grain` is summed from."""
    return Grain.WEEK if grain is Grain.WEEK else Grain.MONTH


def figures(
    period: ReportPeriod,
    cells: Iterable[tuple[date, Mapping[str, int]]],
    histogram: Mapping[int, int],
    *,
    today: date,
    overdue_now: int,
) -> TaskFigures:
    """Sum the cells of one period. Open tasks of a bucket already over are overdue, of a
    bucket not begun within deadline; the bucket holding today takes `overdue_now`, counted
    live from the tasks (deadline between the bucket's start and now)."""
    totals: Counter[str] = Counter()
    overdue = 0
    for bucket, counts in cells:
        totals.update({k: v for k, v in counts.items() if v})
        span = period_of(stored_grain(period.grain), bucket)
        if span.end <= today:
            overdue += counts.get("open_deadline", 0)
        elif span.contains(today):
            overdue += min(overdue_now, counts.get("open_deadline", 0))
    open_deadline = totals["open_deadline"]
    return TaskFigures(
        period=period,
        total=totals["total"],
        done_on_time=totals["done_on_time"],
        done_late=totals["done_late"],
        open_within_deadline=open_deadline - overdue,
        open_overdue=overdue,
        done_without_deadline=totals["done_no_deadline"],
        open_without_deadline=totals["open_no_deadline"],
        median_handling_days=median_tenths(histogram),
    )
