"""Field-report figures of a period: received, handled, steps on time, overdue, cancelled,
satisfaction (001 Art. 15)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.reflections.model import CancelReason, Rating, SlaStep
from domain.stats.periods import ReportPeriod
from domain.stats.reflection_rollup import Side, cancelled_counter, rated_counter

SATISFIED = (Rating.SATISFIED, Rating.ACCEPTABLE)


def rate(part: int, whole: int) -> float | None:
    """part / whole rounded to 4 places; None when whole is 0."""
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class StepFigures:
    """How one step went: closed on time, closed late (the events' breached flag), and still
    open past its due now."""

    step: SlaStep
    on_time: int
    late: int
    overdue: int

    @property
    def on_time_rate(self) -> float | None:
        """on time / (on time + late + overdue)."""
        return rate(self.on_time, self.on_time + self.late + self.overdue)


@dataclass(frozen=True)
class ReflectionFigures:
    """The reports received in one period, on one side (their communes' area, or the
    agencies given a part), as they stand now."""

    period: ReportPeriod
    side: Side
    received: int
    handled: int
    open: int
    returned: int
    secret: int
    cancelled: Mapping[CancelReason, int]
    ratings: Mapping[Rating, int]
    steps: tuple[StepFigures, ...]

    @property
    def cancelled_total(self) -> int:
        """Cancelled, whatever the reason."""
        return sum(self.cancelled.values())

    @property
    def overdue(self) -> int:
        """Open steps past their due now."""
        return sum(s.overdue for s in self.steps)

    @property
    def rated(self) -> int:
        """Reports the reporter rated."""
        return sum(self.ratings.values())

    @property
    def satisfaction_rate(self) -> float | None:
        """(satisfied + acceptable) / rated; None when nothing was rated."""
        return rate(sum(self.ratings.get(r, 0) for r in SATISFIED), self.rated)

    @property
    def on_time_rate(self) -> float | None:
        """Steps closed on time / (closed + open past due), over every step."""
        on_time = sum(s.on_time for s in self.steps)
        return rate(on_time, on_time + sum(s.late + s.overdue for s in self.steps))


def reflection_figures(
    period: ReportPeriod,
    side: Side,
    counts: Mapping[str, int],
    steps: Mapping[SlaStep, Mapping[str, int]],
    overdue: Mapping[SlaStep, int],
) -> ReflectionFigures:
    """Figures from summed counters, step counters and live overdue steps."""
    names = sorted(set(steps) | {s for s, n in overdue.items() if n}, key=list(SlaStep).index)
    return ReflectionFigures(
        period=period,
        side=side,
        received=counts.get("received", 0),
        handled=counts.get("handled", 0),
        open=counts.get("open", 0),
        returned=counts.get("returned", 0),
        secret=counts.get("secret", 0),
        cancelled={r: counts.get(cancelled_counter(r), 0) for r in CancelReason},
        ratings={r: counts.get(rated_counter(r), 0) for r in Rating},
        steps=tuple(
            StepFigures(
                s,
                steps.get(s, {}).get("on_time", 0),
                steps.get(s, {}).get("late", 0),
                overdue.get(s, 0),
            )
            for s in names
        ),
    )


def summed(rows: Iterable[Mapping[str, int]]) -> Counter[str]:
    """Counters summed over rows."""
    total: Counter[str] = Counter()
    for row in rows:
        total.update({k: v for k, v in row.items() if v})
    return total
