"""Reporting periods: weeks, months, quarters and years, named the way reports name them.

"2026-W47" (ISO week), "2026-11" (month), "2026-Q4" (quarter), "2026" (year), and, where
the figures are kept by day (field reports), "2026-11-23" (day). A period is a
half-open range of local dates [start, end). A name that does not denote a real period (month
13, week 53 of a year with 52 weeks) is refused with INVALID_PERIOD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.errors import DomainError, ErrorCode

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_SERIES_POINTS = 120


class Grain(StrEnum):
    """How finely a time series is cut."""

    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PATTERNS = (
    (Grain.WEEK, re.compile(r"(\d{4})-W(\d{2})")),
    (Grain.MONTH, re.compile(r"(\d{4})-(\d{2})")),
    (Grain.QUARTER, re.compile(r"(\d{4})-Q(\d)")),
    (Grain.YEAR, re.compile(r"(\d{4})")),
)


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """One reporting period: its local dates [start, end) and its grain."""

    start: date
    end: date
    grain: Grain

    @property
    def name(self) -> str:
        """The period's name ("2026-11", "2026-W47", "2026-Q4", "2026")."""
        if self.grain is Grain.DAY:
            return self.start.isoformat()
        if self.grain is Grain.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.grain is Grain.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.grain is Grain.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def contains(self, day: date) -> bool:
        """True when the local date falls inside the period."""
        return self.start <= day < self.end

    def next(self) -> ReportPeriod:
        """The period of the same grain that follows."""
        return period_of(self.grain, self.end)

    def months(self) -> list[date]:
        """First days of the months the period covers (none for a week or a day)."""
        if self.grain in (Grain.DAY, Grain.WEEK):
            return []
        found, day = [], self.start
        while day < self.end:
            found.append(day)
            day = _add_months(day, 1)
        return found


def invalid(message: str, field: str = "period") -> DomainError:
    """The typed error of a period that does not exist."""
    return DomainError(ErrorCode.INVALID_PERIOD, message, field)


def parse_period(text: str, field: str = "period", *, days: bool = False) -> ReportPeriod:
    """The period a name denotes, or INVALID_PERIOD (days only when `days`)."""
    value = (text or "").strip().upper()
    if days and _DAY.fullmatch(value):
        return _day(value, field)
    for grain, pattern in _PATTERNS:
        match = pattern.fullmatch(value)
        if match is None:
            continue
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise invalid(f"Year {year} is outside {MIN_YEAR}-{MAX_YEAR}", field)
        number = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 1
        return _build(grain, year, number, text, field)
    raise invalid(f'"{text}" is not a period: use 2026-W47, 2026-11, 2026-Q4 or 2026', field)


def _day(value: str, field: str) -> ReportPeriod:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise invalid(f"{value} is not a day of the calendar", field) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise invalid(f"Year {day.year} is outside {MIN_YEAR}-{MAX_YEAR}", field)
    return ReportPeriod(day, day + timedelta(days=1), Grain.DAY)


def _build(grain: Grain, year: int, number: int, text: str, field: str) -> ReportPeriod:
    if grain is Grain.WEEK:
        weeks = date(year, 12, 28).isocalendar()[1]
        if not 1 <= number <= weeks:
            raise invalid(f"{year} has {weeks} ISO weeks; {text} does not exist", field)
        start = date.fromisocalendar(year, number, 1)
        return ReportPeriod(start, start + timedelta(days=7), grain)
    if grain is Grain.MONTH:
        if not 1 <= number <= 12:
            raise invalid(f"Month {number} does not exist", field)
        start = date(year, number, 1)
        return ReportPeriod(start, _add_months(start, 1), grain)
    if grain is Grain.QUARTER:
        if not 1 <= number <= 4:
            raise invalid(f"Quarter {number} does not exist", field)
        start = date(year, 3 * number - 2, 1)
        return ReportPeriod(start, _add_months(start, 3), grain)
    return ReportPeriod(date(year, 1, 1), date(year + 1, 1, 1), grain)


def period_of(grain: Grain, day: date) -> ReportPeriod:
    """The period of `grain` that contains the local date."""
    if grain is Grain.DAY:
        return ReportPeriod(day, day + timedelta(days=1), grain)
    if grain is Grain.WEEK:
        start = day - timedelta(days=day.weekday())
        return ReportPeriod(start, start + timedelta(days=7), grain)
    if grain is Grain.MONTH:
        start = day.replace(day=1)
        return ReportPeriod(start, _add_months(start, 1), grain)
    if grain is Grain.QUARTER:
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return ReportPeriod(start, _add_months(start, 3), grain)
    return ReportPeriod(date(day.year, 1, 1), date(day.year + 1, 1, 1), grain)


def series(grain: Grain, first: str, last: str, *, days: bool = False) -> list[ReportPeriod]:
    """Every period of `grain` from the one named `first` to the one named `last`."""
    start = parse_period(first, "from", days=days)
    stop = parse_period(last, "to", days=days)
    if start.grain is not grain or stop.grain is not grain:
        raise invalid(f"Name {grain.value.lower()} periods in from and to", "from")
    if stop.start < start.start:
        raise invalid("to is before from", "to")
    found = [start]
    while found[-1].start < stop.start:
        if len(found) >= MAX_SERIES_POINTS:
            raise invalid(f"At most {MAX_SERIES_POINTS} periods per series", "to")
        found.append(found[-1].next())
    return found


def week_start(day: date) -> date:
    """The Monday of the ISO week of a local date."""
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
