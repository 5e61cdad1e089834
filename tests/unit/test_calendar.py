"""Working-time calendar: table tests on real dates (DOMAIN.md section 6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest

from domain.calendar import (
    DayKind,
    DeclaredDay,
    Session,
    Sla,
    SlaClock,
    WorkingCalendar,
    parse_sessions,
    public_year,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar()


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


# What `holidays` 0.108 gives for Vietnam. Tết 2027 (Lunar New Year = Saturday 6 February):
# the eve and days 1-4 are Fri 5 .. Tue 9 February; Saturday 6 is moved to Thursday 4
# ("29 Tết") and Sunday 7 to Wednesday 10, so the working days off are Thu 4, Fri 5,
# Mon 8, Tue 9, Wed 10. This is the package's rule, not a government announcement.
@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 10), True),  # ordinary Tuesday
        (date(2026, 3, 14), False),  # Saturday
        (date(2026, 3, 15), False),  # Sunday
        (date(2026, 2, 16), False),  # Tết 2026: eve
        (date(2026, 2, 20), False),  # Tết 2026: day 4
        (date(2026, 2, 23), True),  # first working day after Tết 2026
        (date(2027, 2, 4), False),  # Tết 2027: in lieu of Saturday 6 February
        (date(2027, 2, 5), False),  # Tết 2027: eve
        (date(2027, 2, 10), False),  # Tết 2027: in lieu of Sunday 7 February
        (date(2027, 2, 11), True),
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2027, 4, 30), False),
        (date(2027, 5, 3), False),  # 1 May 2027 is a Saturday: observed Monday
        (date(2027, 5, 4), True),
        (date(2026, 8, 31), False),  # government bridge day, swapped for Saturday 22 August
        (date(2026, 8, 22), True),  # the make-up Saturday, known to the package
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2027, 9, 2), False),
        (date(2027, 9, 3), False),  # National Day's second day follows a Thursday 2/9
        (date(2026, 11, 24), False),  # Vietnam Cultural Day, from 2026
        (date(2028, 5, 2), False),  # 30 April 2028 is a Sunday: observed Tuesday
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_the_package_tet_2027_days() -> None:
    tet = {d for d in public_year(2027).days_off if d.month == 2}
    assert tet == {date(2027, 2, d) for d in range(4, 11)}


@pytest.mark.parametrize(
    ("event", "days", "due"),
    [
        # DOMAIN.md: assigned Friday 09:00 with 5 working days: next Friday 17:00.
        (vn(2026, 3, 6, 9), 5, vn(2026, 3, 13, 17)),
        # Friday 5 February 2027 is itself Tết (eve); 4-10 February are off, so the count
        # runs Thu 11, Fri 12, Mon 15, Tue 16, Wed 17 February.
        (vn(2027, 2, 5, 9), 5, vn(2027, 2, 17, 17)),
        (vn(2026, 2, 13, 9), 1, vn(2026, 2, 23, 17)),  # across Tết 2026 (16-20 Feb)
        (vn(2026, 4, 29, 10), 2, vn(2026, 5, 5, 17)),  # 30/4 Thu, 1/5 Fri
        (vn(2027, 4, 29, 9), 1, vn(2027, 5, 4, 17)),  # 30/4 Fri, 1/5 Sat observed Mon 3/5
        (vn(2026, 8, 28, 9), 1, vn(2026, 9, 3, 17)),  # 31/8 bridge, 1/9, 2/9
        (vn(2026, 8, 21, 9), 1, vn(2026, 8, 22, 17)),  # make-up Saturday counts
        (vn(2027, 9, 1, 11), 1, vn(2027, 9, 6, 17)),  # 2/9 Thu, 3/9 Fri
        (vn(2026, 3, 14, 10), 1, vn(2026, 3, 16, 17)),  # event on a Saturday
        (vn(2026, 3, 13, 23, 30), 1, vn(2026, 3, 16, 17)),  # Friday night
        (vn(2026, 3, 10, 0, 30), 1, vn(2026, 3, 11, 17)),  # local date, not the UTC date
    ],
)
def test_add_working_days(event: datetime, days: int, due: datetime) -> None:
    assert CAL.add_working_days(event, days) == due


@pytest.mark.parametrize(
    ("event", "minutes", "due"),
    [
        (vn(2026, 3, 10, 11), 60, vn(2026, 3, 10, 14)),  # DOMAIN.md: 13:30 + 30 min
        (vn(2026, 3, 10, 7, 30), 240, vn(2026, 3, 10, 11, 30)),  # due at a session end
        (vn(2026, 3, 10, 11, 30), 1, vn(2026, 3, 10, 13, 31)),  # from a session end
        (vn(2026, 3, 10, 12), 30, vn(2026, 3, 10, 14)),  # lunch break
        (vn(2026, 3, 10, 6), 30, vn(2026, 3, 10, 8)),  # before work
        (vn(2026, 3, 10, 12), 0, vn(2026, 3, 10, 13, 30)),  # zero: the clock's start
        (vn(2026, 3, 10, 7, 30), 450, vn(2026, 3, 10, 17)),  # one full day
        (vn(2026, 3, 10, 7, 30), 451, vn(2026, 3, 11, 7, 31)),
        (vn(2026, 3, 13, 16), 120, vn(2026, 3, 16, 8, 30)),  # over a weekend
        (vn(2026, 3, 14, 10), 30, vn(2026, 3, 16, 8)),  # from a Saturday
        (vn(2026, 4, 29, 16), 120, vn(2026, 5, 4, 8, 30)),  # over 30/4-1/5 2026
        (vn(2027, 4, 29, 15), 180, vn(2027, 5, 4, 8, 30)),  # over 30/4-3/5 2027
        (vn(2026, 8, 28, 16), 120, vn(2026, 9, 3, 8, 30)),  # over 31/8-2/9 2026
        (vn(2027, 9, 1, 16, 30), 60, vn(2027, 9, 6, 8)),  # over 2-3/9 2027
        (vn(2027, 2, 3, 16), 120, vn(2027, 2, 11, 8, 30)),  # over Tết 2027
    ],
)
def test_add_working_minutes(event: datetime, minutes: int, due: datetime) -> None:
    assert CAL.add_working_minutes(event, minutes) == due


def test_add_working_hours_is_sixty_minutes_each() -> None:
    assert CAL.add_working_hours(vn(2026, 3, 10, 11), 1) == vn(2026, 3, 10, 14)
    assert CAL.add_working_hours(vn(2026, 3, 10, 9), 8) == vn(2026, 3, 11, 9, 30)


@pytest.mark.parametrize(
    ("start", "stop", "expected"),
    [
        (vn(2026, 3, 10, 7), vn(2026, 3, 10, 18), timedelta(hours=7, minutes=30)),
        (vn(2026, 3, 10, 12), vn(2026, 3, 10, 13), timedelta()),
        (vn(2026, 3, 13, 16), vn(2026, 3, 16, 8, 30), timedelta(hours=2)),
        (vn(2026, 3, 16, 8, 30), vn(2026, 3, 13, 16), -timedelta(hours=2)),  # reversed
        (vn(2026, 3, 10, 9), vn(2026, 3, 10, 9), timedelta()),
        (vn(2027, 2, 3, 16), vn(2027, 2, 11, 8, 30), timedelta(hours=2)),  # over Tết
    ],
)
def test_working_time_between(start: datetime, stop: datetime, expected: timedelta) -> None:
    assert CAL.working_time_between(start, stop) == expected


@pytest.mark.parametrize(
    ("arrival", "due"),
    [
        (vn(2026, 3, 10, 9), vn(2026, 3, 10, 10)),  # inside a session
        (vn(2026, 3, 10, 7, 30), vn(2026, 3, 10, 8, 30)),  # at a session start
        (vn(2026, 3, 10, 10, 30), vn(2026, 3, 10, 11, 30)),  # exactly 60 minutes left
        (vn(2026, 3, 10, 11), vn(2026, 3, 10, 14, 30)),  # last 60 minutes of the morning
        (vn(2026, 3, 10, 11, 30), vn(2026, 3, 10, 14, 30)),  # at the session end
        (vn(2026, 3, 10, 12), vn(2026, 3, 10, 14, 30)),  # lunch break
        (vn(2026, 3, 10, 16, 15), vn(2026, 3, 11, 8, 30)),  # last 60 minutes of the day
        (vn(2026, 3, 10, 22), vn(2026, 3, 11, 8, 30)),  # at night
        (vn(2026, 3, 10, 6), vn(2026, 3, 10, 8, 30)),  # early morning
        (vn(2026, 3, 13, 18), vn(2026, 3, 16, 8, 30)),  # Friday evening
        (vn(2026, 3, 13, 16, 30), vn(2026, 3, 16, 8, 30)),  # Friday, last 60 minutes
        (vn(2026, 4, 29, 18), vn(2026, 5, 4, 8, 30)),  # evening before 30/4-1/5
    ],
)
def test_dossier_reception_due(arrival: datetime, due: datetime) -> None:
    assert CAL.dossier_reception_due(arrival) == due


def test_next_working_instant_and_is_working_time() -> None:
    assert CAL.next_working_instant(vn(2026, 3, 10, 9)) == vn(2026, 3, 10, 9)
    assert CAL.next_working_instant(vn(2026, 3, 10, 11, 30)) == vn(2026, 3, 10, 13, 30)
    assert CAL.next_working_instant(vn(2026, 3, 13, 17)) == vn(2026, 3, 16, 7, 30)
    assert CAL.is_working_time(vn(2026, 3, 10, 7, 30))
    assert not CAL.is_working_time(vn(2026, 3, 10, 11, 30))  # sessions are [start, end)
    assert CAL.is_session_end(vn(2026, 3, 10, 11, 30))
    assert not CAL.is_working_time(vn(2027, 2, 9, 9))  # Tết


def test_wall_clock_runs_day_and_night() -> None:
    assert CAL.add_wall_clock(vn(2026, 3, 13, 23), 120) == vn(2026, 3, 14, 1)


def test_results_are_utc_whatever_the_input_zone() -> None:
    due = CAL.add_working_hours(datetime(2026, 3, 10, 4, 0, tzinfo=UTC), 1)  # 11:00 local
    assert due.tzinfo is UTC
    assert due == datetime(2026, 3, 10, 7, 0, tzinfo=UTC)
    assert CAL.next_working_instant(vn(2026, 3, 10, 9)).tzinfo is UTC
    assert CAL.dossier_reception_due(vn(2026, 3, 10, 9)).tzinfo is UTC


# Province declarations: Vietnam Cultural Day (Tuesday 24 November 2026) with Monday 23 as
# a bridge day, worked back on Saturday 28 November.
BRIDGE = WorkingCalendar(
    declared_days=[
        DeclaredDay.day_off(date(2026, 11, 23), "bridge to Vietnam Cultural Day"),
        DeclaredDay.working_day(date(2026, 11, 28), "make-up for 23 November"),
    ]
)


@pytest.mark.parametrize(
    ("event", "days", "plain_due", "declared_due"),
    [
        (vn(2026, 11, 20, 9), 2, vn(2026, 11, 25, 17), vn(2026, 11, 26, 17)),
        (vn(2026, 11, 26, 9), 2, vn(2026, 11, 30, 17), vn(2026, 11, 28, 17)),
    ],
)
def test_declared_days_change_working_days(
    event: datetime, days: int, plain_due: datetime, declared_due: datetime
) -> None:
    assert CAL.add_working_days(event, days) == plain_due
    assert BRIDGE.add_working_days(event, days) == declared_due


def test_declared_days_change_working_hours() -> None:
    assert CAL.add_working_hours(vn(2026, 11, 27, 16), 2) == vn(2026, 11, 30, 8, 30)
    assert BRIDGE.add_working_hours(vn(2026, 11, 27, 16), 2) == vn(2026, 11, 28, 8, 30)
    assert BRIDGE.dossier_reception_due(vn(2026, 11, 20, 18)) == vn(2026, 11, 25, 8, 30)


def test_a_declaration_wins_over_the_package() -> None:
    cal = WorkingCalendar(
        declared_days=[
            DeclaredDay(date(2026, 8, 31), DayKind.WORKING_DAY, "no bridge this year"),
            DeclaredDay(date(2026, 8, 22), DayKind.DAY_OFF, "no make-up Saturday"),
        ]
    )
    assert cal.is_working_day(date(2026, 8, 31))
    assert not cal.is_working_day(date(2026, 8, 22))
    assert [d.date for d in cal.declared_days] == [date(2026, 8, 22), date(2026, 8, 31)]


def test_conflicting_declarations_are_refused() -> None:
    with pytest.raises(ValueError, match="both"):
        WorkingCalendar(
            declared_days=[
                DeclaredDay.day_off(date(2026, 5, 4)),
                DeclaredDay.working_day(date(2026, 5, 4)),
            ]
        )


def test_without_public_holidays_only_weekends_count() -> None:
    cal = WorkingCalendar(public_holidays=False)
    assert cal.add_working_days(vn(2027, 2, 5, 9), 5) == vn(2027, 2, 12, 17)


def test_custom_sessions() -> None:
    cal = WorkingCalendar(sessions=" 13:00 \u2013 17:00 , 08:00-12:00 ")
    assert cal.sessions == (Session(time(8), time(12)), Session(time(13), time(17)))
    assert cal.add_working_hours(vn(2026, 3, 10, 11, 30), 1) == vn(2026, 3, 10, 13, 30)
    as_tuples = WorkingCalendar(sessions=[(time(8), time(12)), (time(13), time(17))])
    assert as_tuples.sessions == cal.sessions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("07:30", "must look like"),
        ("7h30-11:30", "HH:MM"),
        ("07:30-25:00", "valid time"),
        ("11:30-07:30", "end after"),
        ("07:30-12:00,11:00-17:00", "overlap"),
        ("07:30-11:30,11:30-17:00", "touch"),
        ("07:30-11:30,", "must look like"),
    ],
)
def test_bad_sessions_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_sessions(text)


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        WorkingCalendar(timezone="Asia/Hue")
    with pytest.raises(ValueError, match="weekend"):
        WorkingCalendar(weekend=range(7))
    with pytest.raises(ValueError, match="date"):
        DeclaredDay.day_off(vn(2026, 5, 4))  # a datetime is not a date here


def test_naive_instants_are_refused() -> None:
    naive = datetime(2026, 3, 10, 9)
    for call in (
        lambda: CAL.is_working_time(naive),
        lambda: CAL.next_working_instant(naive),
        lambda: CAL.add_working_minutes(naive, 1),
        lambda: CAL.add_working_days(naive, 1),
        lambda: CAL.add_wall_clock(naive, 1),
        lambda: CAL.working_time_between(naive, vn(2026, 3, 10)),
        lambda: CAL.dossier_reception_due(naive),
    ):
        with pytest.raises(ValueError, match="naive"):
            call()


def test_bad_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 0"):
        CAL.add_working_minutes(vn(2026, 3, 10, 9), -1)
    with pytest.raises(ValueError, match="at least 1"):
        CAL.add_working_days(vn(2026, 3, 10, 9), 0)
    with pytest.raises(TypeError):
        CAL.add_working_hours(vn(2026, 3, 10, 9), True)
    with pytest.raises(TypeError):
        CAL.is_working_day(vn(2026, 3, 10, 9))


@pytest.mark.parametrize(
    ("sla", "due", "text"),
    [
        (Sla.working_minutes(60), vn(2026, 3, 10, 14), "60 working minutes"),
        (Sla.working_hours(1), vn(2026, 3, 10, 14), "1 working hour"),
        (Sla.working_days(5), vn(2026, 3, 17, 17), "5 working days"),
        (Sla.wall_clock_minutes(90), vn(2026, 3, 10, 12, 30), "90 wall-clock minutes"),
    ],
)
def test_sla_names_its_clock(sla: Sla, due: datetime, text: str) -> None:
    assert sla.due(CAL, vn(2026, 3, 10, 11)) == due
    assert str(sla) == text


def test_sla_validation() -> None:
    assert Sla("WORKING_DAYS", 3).clock is SlaClock.WORKING_DAYS  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 1"):
        Sla.working_days(0)
    with pytest.raises(ValueError, match="at least 0"):
        Sla.wall_clock_minutes(-5)
    with pytest.raises(ValueError, match="NOT_A_CLOCK"):
        Sla("NOT_A_CLOCK", 1)  # type: ignore[arg-type]


def test_holidays_are_loaded_once_per_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = holidays.country_holidays

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("years"))
        return real(*args, **kwargs)

    public_year.cache_clear()
    monkeypatch.setattr(holidays, "country_holidays", counting)
    cal = WorkingCalendar()
    cal.add_working_days(vn(2031, 1, 2, 9), 300)  # into 2032
    cal.working_time_between(vn(2031, 1, 2, 9), vn(2031, 12, 30, 9))
    assert len(calls) == 2  # 2031 and 2032, each loaded once
    public_year.cache_clear()
