"""Which dates are working days: weekends, public holidays, province-declared days.

Public holidays come from the ``holidays`` package (``country_holidays("VN")``, 0.108):
the Labor Code 2019 Art. 112 days (New Year, Tết eve and days 1-4, Hùng Kings, 30/4, 1/5,
2/9 with its adjacent day, Vietnam Cultural Day 24/11 from 2026); a holiday on a weekend
moves to the next working day (a Tết day on a Saturday to the working day before the
break, on a Sunday to the one after: 2027 gives 4-10 February); and a table of government
swaps with their make-up Saturdays, up to 2026 (31/8/2026 off for Saturday 22/8). It
knows no swap announced after its release, no civil-service Tết longer than the
statutory days, and nothing provincial: declare those with ``DeclaredDay``, which always
wins over the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache

import holidays

SATURDAY, SUNDAY = 5, 6
_Date = date  # DeclaredDay.date shadows the type inside the class


class DayKind(StrEnum):
    """What a declaration makes of a date."""

    DAY_OFF = "DAY_OFF"
    WORKING_DAY = "WORKING_DAY"


@dataclass(frozen=True)
class DeclaredDay:
    """A province-declared extra day off, or a make-up working day (e.g. a Saturday)."""

    date: date
    kind: DayKind
    reason: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.date, datetime) or not isinstance(self.date, date):
            raise ValueError(f"a declared day needs a date, got {self.date!r}")
        object.__setattr__(self, "kind", DayKind(self.kind))

    @classmethod
    def day_off(cls, day: _Date, reason: str = "") -> DeclaredDay:
        """An extra day off (e.g. a bridge day)."""
        return cls(day, DayKind.DAY_OFF, reason)

    @classmethod
    def working_day(cls, day: _Date, reason: str = "") -> DeclaredDay:
        """A make-up working day (e.g. the Saturday worked for a bridge day)."""
        return cls(day, DayKind.WORKING_DAY, reason)


@dataclass(frozen=True)
class PublicYear:
    """What the ``holidays`` package says about one year."""

    days_off: frozenset[date]
    working_weekend_days: frozenset[date]


@lru_cache(maxsize=64)
def public_year(year: int, country: str = "VN") -> PublicYear:
    """Public holidays and government make-up weekend days of one year (cached per year).

    Neighbouring years are loaded too, because a swap may cross New Year (2 January 2015
    was taken off for Saturday 27 December 2014).
    """
    table = holidays.country_holidays(country, years=range(year - 1, year + 2))
    return PublicYear(
        days_off=frozenset(d for d in table if d.year == year),
        working_weekend_days=frozenset(d for d in table.weekend_workdays if d.year == year),
    )


class DayRules:
    """Decides whether a date is a working day."""

    def __init__(
        self,
        *,
        declared_days: Iterable[DeclaredDay] = (),
        public_holidays: bool = True,
        weekend: Iterable[int] = (SATURDAY, SUNDAY),
    ) -> None:
        self.weekend = frozenset(weekend)
        if not self.weekend <= set(range(7)):
            raise ValueError("weekend days are weekday numbers 0 (Monday) to 6 (Sunday)")
        self.public_holidays = public_holidays
        self.declared: dict[date, DeclaredDay] = {}
        for day in declared_days:
            known = self.declared.get(day.date)
            if known is not None and known.kind != day.kind:
                raise ValueError(f"{day.date} is declared both a day off and a working day")
            self.declared[day.date] = day
        if self.weekend == set(range(7)) and not any(
            d.kind is DayKind.WORKING_DAY for d in self.declared.values()
        ):
            raise ValueError("a calendar needs working days; every weekday is a weekend")

    def is_working_day(self, day: date) -> bool:
        """Declarations first, then public holidays and make-up days, then the weekend."""
        declared = self.declared.get(day)
        if declared is not None:
            return declared.kind is DayKind.WORKING_DAY
        if self.public_holidays:
            public = public_year(day.year)
            if day in public.days_off:
                return False
            if day in public.working_weekend_days:
                return True
        return day.weekday() not in self.weekend
