"""Laws of the working-time calendar, checked with hypothesis."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.calendar import DeclaredDay, Session, WorkingCalendar

PROFILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MINUTE = timedelta(minutes=1)

DEFAULT = WorkingCalendar()
DECLARED = WorkingCalendar(
    declared_days=[
        DeclaredDay.day_off(date(2026, 11, 23), "bridge"),
        DeclaredDay.working_day(date(2026, 11, 28), "make-up"),
        DeclaredDay.day_off(date(2027, 5, 4), "bridge"),
        DeclaredDay.working_day(date(2027, 5, 8), "make-up"),
        DeclaredDay.working_day(date(2027, 2, 9), "Tết duty"),
    ]
)


@st.composite
def random_calendars(draw: st.DrawFn) -> WorkingCalendar:
    """Any non-overlapping sessions, in a zone with or without daylight saving."""
    marks = draw(st.lists(st.integers(0, 1439), min_size=2, max_size=6, unique=True))
    marks = sorted(marks[: len(marks) // 2 * 2])
    sessions = [
        Session(time(*divmod(marks[i], 60)), time(*divmod(marks[i + 1], 60)))
        for i in range(0, len(marks), 2)
    ]
    zone = draw(st.sampled_from(["Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York"]))
    return WorkingCalendar(timezone=zone, sessions=sessions)


calendars = st.one_of(st.sampled_from([DEFAULT, DECLARED]), random_calendars())


@st.composite
def instants(draw: st.DrawFn, calendar: WorkingCalendar) -> datetime:
    """Any instant of 2026-2028, often exactly on a session boundary."""
    anywhere = st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
    )
    if draw(st.booleans()):
        return draw(anywhere)
    day = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)))
    clocks = [s.start for s in calendar.sessions] + [s.end for s in calendar.sessions]
    clock = draw(st.sampled_from([*clocks, time(0), time(23, 59)]))
    return datetime.combine(day, clock, tzinfo=calendar.timezone).astimezone(UTC)


@st.composite
def calendar_and_instant(draw: st.DrawFn) -> tuple[WorkingCalendar, datetime]:
    calendar = draw(calendars)
    return calendar, draw(instants(calendar))


amounts = st.integers(min_value=1, max_value=3000)


def is_due_instant(calendar: WorkingCalendar, instant: datetime) -> bool:
    return calendar.is_working_time(instant) or calendar.is_session_end(instant)


@PROFILE
@given(calendar_and_instant(), amounts, amounts)
def test_adding_minutes_is_additive(ct: tuple[WorkingCalendar, datetime], a: int, b: int) -> None:
    # Due instants stop at a session end; a new count from there starts at the next session,
    # so splitting an amount in two never loses or gains time.
    cal, t = ct
    assert cal.add_working_minutes(t, a + b) == cal.add_working_minutes(
        cal.add_working_minutes(t, a), b
    )


@PROFILE
@given(calendar_and_instant(), st.integers(min_value=0, max_value=3000))
def test_between_measures_what_was_added(ct: tuple[WorkingCalendar, datetime], n: int) -> None:
    cal, t = ct
    due = cal.add_working_minutes(t, n)
    assert cal.working_time_between(t, due) == n * MINUTE
    assert due.tzinfo is UTC
    assert is_due_instant(cal, due)
    if n == 0:
        assert due == cal.next_working_instant(t)


@PROFILE
@given(calendar_and_instant(), amounts)
def test_due_is_the_earliest_instant(ct: tuple[WorkingCalendar, datetime], n: int) -> None:
    cal, t = ct
    due = cal.add_working_minutes(t, n)
    assert cal.working_time_between(t, due - timedelta(microseconds=1)) < n * MINUTE


@PROFILE
@given(calendar_and_instant(), st.timedeltas(timedelta(0), timedelta(days=20)), amounts, amounts)
def test_adding_is_monotone(
    ct: tuple[WorkingCalendar, datetime], shift: timedelta, n: int, m: int
) -> None:
    cal, t = ct
    assert cal.add_working_minutes(t, n) <= cal.add_working_minutes(t + shift, n)
    assert cal.add_working_days(t, n % 40 + 1) <= cal.add_working_days(t + shift, n % 40 + 1)
    low, high = sorted((n, m))
    assert cal.add_working_minutes(t, low) <= cal.add_working_minutes(t, high)
    assert cal.add_working_minutes(t, n) > t


@PROFILE
@given(calendar_and_instant(), st.integers(min_value=1, max_value=60))
def test_working_days_end_at_the_last_session(ct: tuple[WorkingCalendar, datetime], n: int) -> None:
    cal, t = ct
    due = cal.add_working_days(t, n)
    day = cal.local_date(due)
    assert cal.is_working_day(day)
    assert due == cal.sessions_on(day)[-1][1]
    assert cal.is_session_end(due)
    start = cal.local_date(t)
    counted = [
        start + timedelta(days=k)
        for k in range(1, (day - start).days + 1)
        if cal.is_working_day(start + timedelta(days=k))
    ]
    assert len(counted) == n
    assert counted[-1] == day


@PROFILE
@given(calendars.flatmap(lambda c: st.tuples(st.just(c), instants(c), instants(c), instants(c))))
def test_between_is_antisymmetric_and_additive(
    cabc: tuple[WorkingCalendar, datetime, datetime, datetime],
) -> None:
    cal, a, b, c = cabc
    assert cal.working_time_between(a, b) == -cal.working_time_between(b, a)
    assert cal.working_time_between(a, c) == (
        cal.working_time_between(a, b) + cal.working_time_between(b, c)
    )
    if a <= b:
        assert timedelta(0) <= cal.working_time_between(a, b) <= b - a


@PROFILE
@given(calendar_and_instant())
def test_next_working_instant(ct: tuple[WorkingCalendar, datetime]) -> None:
    cal, t = ct
    start = cal.next_working_instant(t)
    assert start >= t
    assert cal.is_working_time(start)
    assert cal.next_working_instant(start) == start
    assert cal.working_time_between(t, start) == timedelta(0)
    assert (start == t) is cal.is_working_time(t)


@PROFILE
@given(calendar_and_instant())
def test_dossier_reception(ct: tuple[WorkingCalendar, datetime]) -> None:
    cal, t = ct
    due = cal.dossier_reception_due(t)
    assert due > t
    assert is_due_instant(cal, due)
    assert 60 * MINUTE <= cal.working_time_between(t, due) < 120 * MINUTE


@PROFILE
@given(calendar_and_instant(), st.integers(min_value=0, max_value=10_000))
def test_wall_clock(ct: tuple[WorkingCalendar, datetime], n: int) -> None:
    cal, t = ct
    due = cal.add_wall_clock(t, n)
    assert due - t == n * MINUTE
    assert due.tzinfo is UTC
