"""The working-time calendar every SLA of govgraph is computed on (DOMAIN.md section 6).

Conventions:

* Instants must be timezone-aware (naive ones raise ``ValueError``); every instant returned
  is in UTC, the storage convention. Dates are local dates in the calendar's time zone.
* Sessions are half-open, [start, end): an instant at 11:30 is not working time and its
  next working instant is 13:30.
* A working-time due instant is the *earliest* instant at which the amount has run, so it
  may be a session end (07:30 + 240 working minutes = 11:30, not 13:30). Starting a new
  count from a session end runs from the next session's start, which keeps
  ``add(t, a + b) == add(add(t, a), b)``.
* ``working_time_between(a, b) == -working_time_between(b, a)``: negative when b < a.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.calendar.days import SATURDAY, SUNDAY, DayRules, DeclaredDay
from domain.calendar.sessions import DEFAULT_SESSIONS, Session, parse_sessions, validate_sessions

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
RECEPTION_MINUTES = 60
_ONE_DAY = timedelta(days=1)
_SEARCH_LIMIT_DAYS = 3660  # ten years without a working day: the configuration is broken
_CACHE_DAYS = 4096  # dates whose sessions are kept (about eleven years)

Interval = tuple[datetime, datetime]


class WorkingCalendar:
    """Weekends, public holidays, declared days and working sessions, in one time zone."""

    def __init__(
        self,
        *,
        timezone: str = DEFAULT_TIMEZONE,
        sessions: str | Iterable[Session | tuple[time, time]] = DEFAULT_SESSIONS,
        declared_days: Iterable[DeclaredDay] = (),
        public_holidays: bool = True,
        weekend: Iterable[int] = (SATURDAY, SUNDAY),
    ) -> None:
        try:
            self.timezone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
            raise ValueError(f"unknown time zone {timezone!r}") from exc
        if isinstance(sessions, str):
            self.sessions = parse_sessions(sessions)
        else:
            self.sessions = validate_sessions(
                s if isinstance(s, Session) else Session(*s) for s in sessions
            )
        self._days = DayRules(
            declared_days=declared_days, public_holidays=public_holidays, weekend=weekend
        )
        self._sessions_cache: dict[date, tuple[Interval, ...]] = {}

    def __repr__(self) -> str:
        sessions = ",".join(str(s) for s in self.sessions)
        declared = len(self._days.declared)
        return f"WorkingCalendar({self.timezone.key}, {sessions}, {declared} declared days)"

    @property
    def declared_days(self) -> tuple[DeclaredDay, ...]:
        """The province's declarations, by date."""
        return tuple(sorted(self._days.declared.values(), key=lambda d: d.date))

    # Days

    def local_date(self, instant: datetime) -> date:
        """The calendar date of an instant in the calendar's time zone."""
        return _utc(instant).astimezone(self.timezone).date()

    def is_working_day(self, day: date) -> bool:
        """Not a weekend day nor a public holiday, unless declared otherwise."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"is_working_day takes a date, got {day!r}")
        return self._days.is_working_day(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for _ in range(_SEARCH_LIMIT_DAYS):
            day += _ONE_DAY
            if self._days.is_working_day(day):
                return day
        raise ValueError(f"no working day within ten years after {day}; check the calendar")

    def sessions_on(self, day: date) -> tuple[Interval, ...]:
        """The working sessions of a date as UTC (start, end) pairs; empty on days off."""
        cached = self._sessions_cache.get(day)
        if cached is None:
            if len(self._sessions_cache) >= _CACHE_DAYS:
                self._sessions_cache.clear()
            cached = self._sessions_cache[day] = self._build_sessions(day)
        return cached

    # Instants

    def is_working_time(self, instant: datetime) -> bool:
        """Inside a session [start, end) of a working day."""
        t = _utc(instant)
        return any(begin <= t < end for begin, end in self.sessions_on(self.local_date(t)))

    def is_session_end(self, instant: datetime) -> bool:
        """Exactly the end of a session of a working day (a possible due instant)."""
        t = _utc(instant)
        return any(end == t for _, end in self.sessions_on(self.local_date(t)))

    def next_working_instant(self, instant: datetime) -> datetime:
        """The instant itself if it is working time, else the start of the next session."""
        begin, _ = next(self._intervals_from(_utc(instant)))
        return begin

    # Limits

    def add_working_minutes(self, instant: datetime, minutes: int) -> datetime:
        """Run ``minutes`` of session time from the instant (or from the next session start)."""
        remaining = timedelta(minutes=_amount(minutes, "working minutes"))
        intervals = self._intervals_from(_utc(instant))
        while True:
            begin, end = next(intervals)
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin

    def add_working_hours(self, instant: datetime, hours: int) -> datetime:
        """Run ``hours`` working hours: received 11:00 + 1 working hour is due 14:00."""
        return self.add_working_minutes(instant, 60 * _amount(hours, "working hours"))

    def add_working_days(self, instant: datetime, days: int) -> datetime:
        """End of the last session of the N-th working day after the event's local date."""
        day = self.local_date(instant)
        for _ in range(_amount(days, "working days", minimum=1)):
            day = self.next_working_day(day)
        return self.sessions_on(day)[-1][1]

    def add_wall_clock(self, instant: datetime, minutes: int) -> datetime:
        """Run ``minutes`` continuously, day and night (urgent flows)."""
        return _utc(instant) + timedelta(minutes=_amount(minutes, "wall-clock minutes"))

    def working_time_between(self, start: datetime, stop: datetime) -> timedelta:
        """Session time between two instants; negative when ``stop`` is before ``start``."""
        a, b = _utc(start), _utc(stop)
        if b < a:
            return -self.working_time_between(b, a)
        total = timedelta()
        intervals = self._intervals_from(a)
        while True:
            begin, end = next(intervals)
            if begin >= b:
                return total
            total += min(end, b) - begin

    def dossier_reception_due(self, instant: datetime) -> datetime:
        """002 Art. 12: received within 60 minutes inside a session; arriving outside
        sessions or with under 60 minutes of the session left, 60 working minutes after
        the next session starts."""
        t = _utc(instant)
        window = timedelta(minutes=RECEPTION_MINUTES)
        begin, end = next(self._intervals_from(t))
        if begin != t:  # outside sessions: begin is the next session's start
            return self.add_working_minutes(begin, RECEPTION_MINUTES)
        if end - t >= window:
            return t + window
        return self.add_working_minutes(end, RECEPTION_MINUTES)

    # Internals

    def _build_sessions(self, day: date) -> tuple[Interval, ...]:
        if not self._days.is_working_day(day):
            return ()
        intervals: list[Interval] = []
        for session in self.sessions:
            begin, end = self._instant(day, session.start), self._instant(day, session.end)
            if intervals:  # a daylight-saving jump may fold sessions: keep them ordered
                begin = max(begin, intervals[-1][1])
            if end > begin:
                intervals.append((begin, end))
        return tuple(intervals)

    def _instant(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.timezone).astimezone(UTC)

    def _intervals_from(self, start: datetime) -> Iterator[Interval]:
        """Working intervals from ``start`` on, the first one clipped to begin at ``start``."""
        day = self.local_date(start)
        idle_days = 0
        while True:
            found = False
            for begin, end in self.sessions_on(day):
                if end > start:
                    found = True
                    yield max(begin, start), end
            idle_days = 0 if found else idle_days + 1
            if idle_days > _SEARCH_LIMIT_DAYS:
                raise ValueError(f"no working time within ten years of {start}; check the calendar")
            day += _ONE_DAY


def _utc(instant: datetime) -> datetime:
    if not isinstance(instant, datetime):
        raise TypeError(f"expected a datetime, got {instant!r}")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant.isoformat()}: give it a time zone")
    return instant.astimezone(UTC)


def _amount(value: int, what: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a whole number, got {value!r}")
    if value < minimum:
        raise ValueError(f"{what} must be at least {minimum}, got {value}")
    return value
