"""A service-level limit that names its clock: working minutes, hours, days or wall clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.calendar.working_calendar import WorkingCalendar


class SlaClock(StrEnum):
    """How a limit is counted (DOMAIN.md section 6)."""

    WORKING_MINUTES = "WORKING_MINUTES"
    WORKING_HOURS = "WORKING_HOURS"
    WORKING_DAYS = "WORKING_DAYS"
    WALL_CLOCK_MINUTES = "WALL_CLOCK_MINUTES"


_UNITS = {
    SlaClock.WORKING_MINUTES: "working minute",
    SlaClock.WORKING_HOURS: "working hour",
    SlaClock.WORKING_DAYS: "working day",
    SlaClock.WALL_CLOCK_MINUTES: "wall-clock minute",
}


@dataclass(frozen=True)
class Sla:
    """An amount on a clock, e.g. ``Sla.working_days(5)``; ``due`` computes the deadline."""

    clock: SlaClock
    amount: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "clock", SlaClock(self.clock))
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError(f"an SLA amount must be a whole number, got {self.amount!r}")
        minimum = 1 if self.clock is SlaClock.WORKING_DAYS else 0
        if self.amount < minimum:
            raise ValueError(f"{self.clock} SLA needs an amount of at least {minimum}")

    @classmethod
    def working_minutes(cls, amount: int) -> Sla:
        """Minutes counted inside working sessions."""
        return cls(SlaClock.WORKING_MINUTES, amount)

    @classmethod
    def working_hours(cls, amount: int) -> Sla:
        """Hours counted inside working sessions."""
        return cls(SlaClock.WORKING_HOURS, amount)

    @classmethod
    def working_days(cls, amount: int) -> Sla:
        """Working days counted from the day after the event."""
        return cls(SlaClock.WORKING_DAYS, amount)

    @classmethod
    def wall_clock_minutes(cls, amount: int) -> Sla:
        """Minutes running day and night (urgent flow)."""
        return cls(SlaClock.WALL_CLOCK_MINUTES, amount)

    def due(self, calendar: WorkingCalendar, start: datetime) -> datetime:
        """The deadline (UTC) of this limit for an event at ``start``."""
        match self.clock:
            case SlaClock.WORKING_MINUTES:
                return calendar.add_working_minutes(start, self.amount)
            case SlaClock.WORKING_HOURS:
                return calendar.add_working_hours(start, self.amount)
            case SlaClock.WORKING_DAYS:
                return calendar.add_working_days(start, self.amount)
            case SlaClock.WALL_CLOCK_MINUTES:
                return calendar.add_wall_clock(start, self.amount)

    def __str__(self) -> str:
        unit = _UNITS[self.clock]
        return f"{self.amount} {unit}{'' if self.amount == 1 else 's'}"
