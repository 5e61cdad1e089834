"""What one task adds to the task statistics, and what a change of the task moves.

The statistics are kept on write: every task contributes one count to the cell of its lead
unit, its kind and the week and month of its deadline (of its creation when it has none),
plus, once completed, one entry to the handling-time histogram of that cell. A change of
the task subtracts its old contribution and adds the new one in the same transaction.

Cancelled and escalated tasks contribute nothing (the national reports count neither; an
escalated petition counts at the level it went to).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from domain.stats.periods import Grain, week_start
from domain.tasks.model import Task, TaskKind, TaskState

COUNTERS = (
    "total",
    "done_on_time",
    "done_late",
    "done_no_deadline",
    "open_deadline",
    "open_no_deadline",
)
STORED_GRAINS = (Grain.WEEK, Grain.MONTH)
_UNCOUNTED = (TaskState.CANCELLED, TaskState.ESCALATED)

CellKey = tuple[Grain, date, int, TaskKind]  # grain, bucket start, lead unit, kind
HistogramKey = tuple[Grain, date, int, TaskKind, int]  # ... and tenths of a working day


@dataclass(frozen=True)
class TaskFacts:
    """The columns of a task the statistics read."""

    kind: TaskKind
    lead_unit_id: int
    state: TaskState
    created_at: datetime
    deadline: datetime | None = None
    completed_at: datetime | None = None
    handling_tenths: int | None = None


def facts_of(task: Task) -> TaskFacts:
    """The facts of a task as it is now."""
    return TaskFacts(
        kind=task.kind,
        lead_unit_id=task.lead_unit_id,
        state=task.state,
        created_at=task.created_at,
        deadline=task.deadline,
        completed_at=task.completed_at,
        handling_tenths=task.handling_tenths,
    )


@dataclass
class RollupDelta:
    """Changes to apply to the statistics cells and histograms."""

    cells: dict[CellKey, Counter[str]] = field(default_factory=dict)
    histogram: Counter[HistogramKey] = field(default_factory=Counter)

    def add(self, facts: TaskFacts | None, sign: int, tz: ZoneInfo) -> None:
        """Add (sign 1) or take away (sign -1) one task's contribution."""
        if facts is None or facts.state in _UNCOUNTED:
            return
        anchor = facts.deadline or facts.created_at
        day = anchor.astimezone(tz).date()
        counter = counter_of(facts)
        for grain in STORED_GRAINS:
            bucket = week_start(day) if grain is Grain.WEEK else day.replace(day=1)
            cell = self.cells.setdefault((grain, bucket, facts.lead_unit_id, facts.kind), Counter())
            cell["total"] += sign
            cell[counter] += sign
            if facts.state is TaskState.COMPLETED and facts.handling_tenths is not None:
                key = (grain, bucket, facts.lead_unit_id, facts.kind, facts.handling_tenths)
                self.histogram[key] += sign

    def pruned(self) -> RollupDelta:
        """Without the cells and histogram entries that cancel out."""
        cells = {
            key: Counter({n: v for n, v in counts.items() if v})
            for key, counts in self.cells.items()
            if any(counts.values())
        }
        return RollupDelta(cells, Counter({k: v for k, v in self.histogram.items() if v}))


def counter_of(facts: TaskFacts) -> str:
    """The counter a counted task falls in (open tasks are split by time when read)."""
    done = facts.state is TaskState.COMPLETED and facts.completed_at is not None
    if facts.deadline is None:
        return "done_no_deadline" if done else "open_no_deadline"
    if not done:
        return "open_deadline"
    assert facts.completed_at is not None
    return "done_on_time" if facts.completed_at <= facts.deadline else "done_late"


def change(before: TaskFacts | None, after: TaskFacts | None, tz: ZoneInfo) -> RollupDelta:
    """What replacing `before` by `after` moves (either may be None: created, removed)."""
    delta = RollupDelta()
    if before == after:
        return delta
    delta.add(before, -1, tz)
    delta.add(after, 1, tz)
    return delta.pruned()


def handling_tenths(calendar: WorkingCalendar, start: datetime, stop: datetime) -> int:
    """Working time from `start` to `stop` in tenths of a working day (session time of a
    full working day), rounded half up."""
    day = sum(
        (
            datetime.combine(date.min, s.end) - datetime.combine(date.min, s.start)
            for s in calendar.sessions
        ),
        timedelta(),
    )
    worked = max(calendar.working_time_between(start, stop), timedelta())
    return int((worked * 20 // day + 1) // 2)
