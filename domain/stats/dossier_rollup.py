"""What one dossier adds to the dossier statistics, and what a change of it moves.

Kept on write: every received dossier contributes to the cell of its receiving agency, its
procedure and the week and the month of its reception (local dates): received, received
online, done early, on time or late (the result registered), open, withdrawn, supplemented,
and once rated its survey (per criterion: answers, sum of scores, satisfied answers). A
change of the dossier subtracts its old contribution and adds the new one in the same
transaction. Dossiers not received yet (at the desk, or refused as incomplete) count nothing;
open dossiers are split into within deadline and overdue when read (time makes them late).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.dossiers.model import DossierState, StatusClass, SubmissionChannel, SurveyCriterion
from domain.stats.periods import Grain, week_start

CRITERIA = tuple(c.value.lower() for c in SurveyCriterion)
SATISFIED_FROM = 4
BASE_COUNTERS = (
    "received",
    "online",
    "done_early",
    "done_on_time",
    "done_late",
    "open",
    "withdrawn",
    "supplemented",
    "surveyed",
)
SURVEY_COUNTERS = tuple(
    f"{criterion}_{part}" for criterion in CRITERIA for part in ("answers", "sum", "satisfied")
)
COUNTERS = BASE_COUNTERS + SURVEY_COUNTERS
STORED_GRAINS = (Grain.WEEK, Grain.MONTH)
_DONE = {
    StatusClass.DONE_EARLY: "done_early",
    StatusClass.DONE_ON_TIME: "done_on_time",
    StatusClass.DONE_LATE: "done_late",
}

CellKey = tuple[Grain, date, int, int]  # grain, bucket start, receiving agency, procedure


@dataclass(frozen=True)
class DossierRecord:
    """The columns of a dossier (and its survey) the statistics read."""

    agency_unit_id: int
    procedure_id: int
    channel: SubmissionChannel
    state: DossierState
    received_at: datetime | None
    processing_due: datetime | None
    finished_at: datetime | None
    supplement_requests: int
    scores: tuple[int | None, ...] | None = None  # the survey, in SurveyCriterion order


def finish_class(record: DossierRecord, tz: ZoneInfo) -> StatusClass | None:
    """Early, on time or late for a dossier whose result is registered."""
    if record.finished_at is None or record.processing_due is None:
        return None
    if record.finished_at > record.processing_due:
        return StatusClass.DONE_LATE
    if record.finished_at.astimezone(tz).date() < record.processing_due.astimezone(tz).date():
        return StatusClass.DONE_EARLY
    return StatusClass.DONE_ON_TIME


def contribution(record: DossierRecord, tz: ZoneInfo) -> Counter[str]:
    """The counters one dossier adds to its cells."""
    found: Counter[str] = Counter(received=1)
    if record.channel is SubmissionChannel.ONLINE:
        found["online"] += 1
    done = finish_class(record, tz)
    if done is not None:
        found[_DONE[done]] += 1
    elif record.state is DossierState.WITHDRAWN:
        found["withdrawn"] += 1
    else:
        found["open"] += 1
    if record.supplement_requests:
        found["supplemented"] += 1
    if record.scores is not None:
        found["surveyed"] += 1
        for criterion, score in zip(CRITERIA, record.scores, strict=True):
            if score is not None:
                found[f"{criterion}_answers"] += 1
                found[f"{criterion}_sum"] += score
                found[f"{criterion}_satisfied"] += int(score >= SATISFIED_FROM)
    return found


@dataclass
class DossierDelta:
    """Changes to apply to the dossier statistics cells."""

    cells: dict[CellKey, Counter[str]] = field(default_factory=dict)

    def add(self, record: DossierRecord | None, sign: int, tz: ZoneInfo) -> None:
        """Add (sign 1) or take away (sign -1) one dossier's contribution."""
        if record is None or record.received_at is None:
            return
        day = record.received_at.astimezone(tz).date()
        counts = contribution(record, tz)
        for grain in STORED_GRAINS:
            bucket = week_start(day) if grain is Grain.WEEK else day.replace(day=1)
            key = (grain, bucket, record.agency_unit_id, record.procedure_id)
            cell = self.cells.setdefault(key, Counter())
            for name, value in counts.items():
                cell[name] += sign * value

    def merge(self, other: DossierDelta) -> None:
        """Add another delta to this one."""
        for key, counts in other.cells.items():
            self.cells.setdefault(key, Counter()).update(counts)

    def pruned(self) -> DossierDelta:
        """Without the cells and counters that cancel out."""
        return DossierDelta(
            {
                key: Counter({n: v for n, v in counts.items() if v})
                for key, counts in self.cells.items()
                if any(counts.values())
            }
        )


def change(before: DossierRecord | None, after: DossierRecord | None, tz: ZoneInfo) -> DossierDelta:
    """What replacing `before` by `after` moves (either may be None: created, removed)."""
    delta = DossierDelta()
    if before == after:
        return delta
    delta.add(before, -1, tz)
    delta.add(after, 1, tz)
    return delta.pruned()
