"""What one field report adds to the field-report statistics (001 Art. 15).

A report belongs to the day, week and month it was received in (local dates). It counts on
two sides: the AREA side, under its commune (every report once), and the AGENCY side, under
each agency given a part of it (parts withdrawn by a redistribution or a cancellation drop
out). Its events count the steps closed on time or late: on the area side every step of the
report once (a distribution closes the intake step once, whatever the number of agencies),
on the agency side the agency's own steps (accept, handle, return, approve).

The contribution is a pure function of the report, its parts and its events; a write moves
the cells by the difference between the contributions after and before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from domain.reflections.model import (
    ACTIVE_ASSIGNMENT,
    AssignmentState,
    CancelReason,
    Channel,
    Rating,
    ReflectionState,
    SlaStep,
)
from domain.stats.periods import Grain, week_start

K = TypeVar("K")
STORED_GRAINS = (Grain.DAY, Grain.WEEK, Grain.MONTH)
AGENCY_STEPS = frozenset({SlaStep.ACCEPT, SlaStep.HANDLE, SlaStep.RETURN, SlaStep.APPROVE})
HANDLED_STATES = frozenset({ReflectionState.PUBLISHED, ReflectionState.ANSWERED_PRIVATELY})
CLOSED_STATES = HANDLED_STATES | {ReflectionState.CANCELLED}
NO_CATEGORY = 0


class Side(StrEnum):
    """Whom a count is filed under: the report's commune, or a handling agency."""

    AREA = "AREA"
    AGENCY = "AGENCY"


def cancelled_counter(reason: CancelReason) -> str:
    """The counter of cancellations for `reason`."""
    return f"cancelled_{reason.value.lower()}"


def rated_counter(rating: Rating) -> str:
    """The counter of reports rated `rating`."""
    return f"rated_{rating.value.lower()}"


COUNTERS = (
    "received",
    "handled",
    "open",
    "returned",
    "secret",
    *(cancelled_counter(r) for r in CancelReason),
    *(rated_counter(r) for r in Rating),
)
STEP_COUNTERS = ("on_time", "late")

# grain, bucket, side, unit (commune or agency), commune, category (0: none), channel
CellKey = tuple[Grain, date, Side, int, int, int, Channel]
StepKey = tuple[Grain, date, Side, int, int, int, Channel, SlaStep]


@dataclass(frozen=True)
class ReportFacts:
    """The columns of a report the statistics read."""

    submitted_at: datetime
    commune_unit_id: int
    category_id: int | None
    channel: Channel
    state: ReflectionState
    secret: bool = False
    rating: Rating | None = None
    cancel_reason: CancelReason | None = None


@dataclass(frozen=True)
class PartFacts:
    """An agency's part of a report."""

    agency_unit_id: int
    state: AssignmentState


@dataclass(frozen=True)
class StepFacts:
    """A closed step, from an event."""

    action: str
    at: datetime
    agency_unit_id: int | None
    step: SlaStep
    due_at: datetime
    breached: bool


@dataclass(frozen=True)
class ReportRecord:
    """A report with its parts and closed steps."""

    report: ReportFacts
    parts: tuple[PartFacts, ...] = ()
    steps: tuple[StepFacts, ...] = ()


@dataclass
class ReflectionDelta:
    """Changes to apply to the report cells and the step cells."""

    cells: dict[CellKey, Counter[str]] = field(default_factory=dict)
    steps: dict[StepKey, Counter[str]] = field(default_factory=dict)

    def add(self, record: ReportRecord | None, sign: int, tz: ZoneInfo) -> None:
        """Add (sign 1) or take away (sign -1) one report's contribution."""
        if record is None:
            return
        r = record.report
        day = r.submitted_at.astimezone(tz).date()
        dims = (r.commune_unit_id, r.category_id or NO_CATEGORY, r.channel)
        area = report_counts(r)
        agencies = {
            p.agency_unit_id: part_counts(r, p)
            for p in record.parts
            if p.state is not AssignmentState.WITHDRAWN
        }
        steps = step_counts(record.steps)
        for grain in STORED_GRAINS:
            bucket = bucket_of(grain, day)
            self._cell((grain, bucket, Side.AREA, r.commune_unit_id, *dims), area, sign)
            for agency, counts in agencies.items():
                self._cell((grain, bucket, Side.AGENCY, agency, *dims), counts, sign)
            for (side, unit, step), counts in steps.items():
                key = (grain, bucket, side, unit if side is Side.AGENCY else r.commune_unit_id)
                self._step((*key, *dims, step), counts, sign)

    def _cell(self, key: CellKey, counts: Counter[str], sign: int) -> None:
        cell = self.cells.setdefault(key, Counter())
        for name, value in counts.items():
            cell[name] += sign * value

    def _step(self, key: StepKey, counts: Counter[str], sign: int) -> None:
        cell = self.steps.setdefault(key, Counter())
        for name, value in counts.items():
            cell[name] += sign * value

    def merge(self, other: ReflectionDelta) -> None:
        """Add another delta to this one."""
        for key, counts in other.cells.items():
            self.cells.setdefault(key, Counter()).update(counts)
        for skey, scounts in other.steps.items():
            self.steps.setdefault(skey, Counter()).update(scounts)

    def pruned(self) -> ReflectionDelta:
        """Without the cells whose changes cancel out."""
        return ReflectionDelta(_pruned(self.cells), _pruned(self.steps))


def _pruned(cells: dict[K, Counter[str]]) -> dict[K, Counter[str]]:
    return {
        key: Counter({n: v for n, v in counts.items() if v})
        for key, counts in cells.items()
        if any(counts.values())
    }


def bucket_of(grain: Grain, day: date) -> date:
    """The first day of the stored bucket of `grain` holding the local date."""
    if grain is Grain.DAY:
        return day
    return week_start(day) if grain is Grain.WEEK else day.replace(day=1)


def report_counts(r: ReportFacts) -> Counter[str]:
    """The area counters of one report."""
    counts = Counter({"received": 1})
    if r.state in HANDLED_STATES:
        counts["handled"] += 1
    elif r.state is ReflectionState.CANCELLED:
        counts[cancelled_counter(r.cancel_reason or CancelReason.UNCLEAR_OR_TEST)] += 1
    else:
        counts["open"] += 1
    if r.secret:
        counts["secret"] += 1
    if r.rating is not None:
        counts[rated_counter(r.rating)] += 1
    return counts


def part_counts(r: ReportFacts, part: PartFacts) -> Counter[str]:
    """The agency counters of one (not withdrawn) part: received, handled when approved,
    returned, open while active; the report's rating counts for the agencies that gave a
    result."""
    counts = Counter({"received": 1})
    if part.state is AssignmentState.APPROVED:
        counts["handled"] += 1
        if r.rating is not None:
            counts[rated_counter(r.rating)] += 1
    elif part.state is AssignmentState.RETURNED:
        counts["returned"] += 1
    elif part.state in ACTIVE_ASSIGNMENT:
        counts["open"] += 1
    if r.secret:
        counts["secret"] += 1
    return counts


def step_counts(steps: Iterable[StepFacts]) -> dict[tuple[Side, int, SlaStep], Counter[str]]:
    """On-time and late closures per (side, agency or 0, step)."""
    found: dict[tuple[Side, int, SlaStep], Counter[str]] = {}
    seen: set[tuple[str, datetime, SlaStep, datetime]] = set()
    for s in steps:
        name = "late" if s.breached else "on_time"
        if s.step in AGENCY_STEPS:
            if s.agency_unit_id is not None:
                found.setdefault((Side.AGENCY, s.agency_unit_id, s.step), Counter())[name] += 1
        else:  # the report's own step, closed once per event batch
            once = (s.action, s.at, s.step, s.due_at)
            if once in seen:
                continue
            seen.add(once)
        found.setdefault((Side.AREA, 0, s.step), Counter())[name] += 1
    return found


def change(
    before: ReportRecord | None, after: ReportRecord | None, tz: ZoneInfo
) -> ReflectionDelta:
    """What replacing `before` by `after` moves (either may be None)."""
    delta = ReflectionDelta()
    if before == after:
        return delta
    delta.add(before, -1, tz)
    delta.add(after, 1, tz)
    return delta.pruned()
