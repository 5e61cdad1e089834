"""Dossier limits on the real calendar: the reception rule (002 Art. 12.1a) across sessions,
weekends, make-up Saturdays and Tết; processing days from reception; the stopped clock while
the applicant supplements; the status classes of national reporting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import DeclaredDay, WorkingCalendar
from domain.dossiers.deadlines import (
    class_of_finish,
    is_overdue,
    processing_due,
    reception_due,
    resume,
    status_class,
)
from domain.dossiers.model import (
    DeliveryMethod,
    Dossier,
    DossierState,
    PaymentMethod,
    StatusClass,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar()


def vn(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (vn(10, 6, 9), vn(10, 6, 10)),  # inside the morning session: 60 minutes
        (vn(10, 6, 10, 30), vn(10, 6, 11, 30)),  # exactly 60 minutes left: by the session's end
        (vn(10, 6, 10, 31), vn(10, 6, 14, 30)),  # 59 minutes left: 60 after 13:30
        (vn(10, 6, 11, 29), vn(10, 6, 14, 30)),  # the session's last minute
        (vn(10, 6, 11, 30), vn(10, 6, 14, 30)),  # the session's end is outside it
        (vn(10, 6, 12, 15), vn(10, 6, 14, 30)),  # lunch
        (vn(10, 6, 7, 0), vn(10, 6, 8, 30)),  # before the day begins
        (vn(10, 6, 7, 30), vn(10, 6, 8, 30)),  # at the first minute
        (vn(10, 6, 15, 59), vn(10, 6, 16, 59)),  # afternoon, 61 minutes left
        (vn(10, 6, 16, 30), vn(10, 7, 8, 30)),  # the afternoon's last hour: next morning
        (vn(10, 6, 20, 0), vn(10, 7, 8, 30)),  # evening
        (vn(10, 9, 16, 1), vn(10, 12, 8, 30)),  # Friday's last hour: Monday
        (vn(10, 10, 10, 0), vn(10, 12, 8, 30)),  # Saturday
        (vn(10, 11, 23, 59), vn(10, 12, 8, 30)),  # Sunday night
        (vn(2, 13, 16, 10), vn(2, 23, 8, 30)),  # Tết 2026 (16-20 February) in between
        (vn(2, 16, 9, 0), vn(2, 23, 8, 30)),  # on Tết eve
        (vn(2, 3, 16, 30, year=2027), vn(2, 11, 8, 30, year=2027)),  # Tết 2027: 4-10 Feb
        (vn(9, 1, 10, 0), vn(9, 3, 8, 30)),  # National Day 2 September and its adjacent day
    ],
)
def test_reception_within_60_working_minutes(submitted: datetime, due: datetime) -> None:
    assert reception_due(CAL, submitted) == due


def test_reception_on_a_declared_make_up_saturday() -> None:
    saturday = date(2026, 10, 10)
    calendar = WorkingCalendar(declared_days=[DeclaredDay.working_day(saturday, "make-up")])
    assert reception_due(calendar, vn(10, 10, 9, 0)) == vn(10, 10, 10, 0)
    assert reception_due(calendar, vn(10, 9, 16, 30)) == vn(10, 10, 8, 30)


def test_reception_on_a_declared_day_off() -> None:
    calendar = WorkingCalendar(declared_days=[DeclaredDay.day_off(date(2026, 10, 7), "storm")])
    assert reception_due(calendar, vn(10, 6, 16, 30)) == vn(10, 8, 8, 30)


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (vn(10, 5, 10), 5, vn(10, 12, 17)),  # Monday + 5 working days: next Monday's end
        (vn(10, 5, 10), 1, vn(10, 6, 17)),  # counted from the day after the reception
        (vn(10, 9, 16, 59), 1, vn(10, 12, 17)),  # Friday: Monday
        (vn(2, 12, 10), 3, vn(2, 24, 17)),  # across Tết 2026: Fri 13, Mon 23, Tue 24
        (vn(4, 24, 9), 3, vn(5, 4, 17)),  # Hùng Kings (Mon 27 in lieu), 30/4, 1/5 off
    ],
)
def test_processing_days_from_reception(received: datetime, days: int, due: datetime) -> None:
    assert processing_due(CAL, received, days) == due


def test_processing_refuses_zero_days() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        processing_due(CAL, vn(10, 5, 10), 0)


def test_the_clock_stops_while_the_applicant_supplements() -> None:
    due = processing_due(CAL, vn(10, 5, 10), 5)  # Monday 12 October 17:00
    resumed = resume(CAL, due=due, paused_at=vn(10, 6, 10), resumed_at=vn(10, 7, 15))
    # 35 working hours were left on Tuesday 10:00; they run again from Wednesday 15:00
    assert resumed.due == vn(10, 14, 10, 30)
    assert resumed.paused_minutes == 90 + 210 + 240 + 90  # Tue 10-11:30, 13:30-17; Wed to 15
    moved = CAL.working_time_between(due, resumed.due)
    assert moved == timedelta(minutes=resumed.paused_minutes)


def test_a_pause_over_a_weekend_costs_nothing_of_the_weekend() -> None:
    due = processing_due(CAL, vn(10, 5, 10), 5)
    resumed = resume(CAL, due=due, paused_at=vn(10, 9, 17), resumed_at=vn(10, 12, 7, 30))
    assert resumed.paused_minutes == 0
    assert resumed.due == due


def test_a_pause_over_tet_moves_the_due_by_working_time_only() -> None:
    due = processing_due(CAL, vn(2, 11, 9), 5)  # Wed 11 Feb + 5: 12, 13, 23, 24, 25
    assert due == vn(2, 25, 17)
    resumed = resume(CAL, due=due, paused_at=vn(2, 13, 15), resumed_at=vn(2, 23, 9))
    assert resumed.paused_minutes == 120 + 90  # Friday 15:00-17:00, Monday 07:30-09:00
    assert resumed.due == vn(2, 26, 11, 0)  # 210 minutes after Wednesday 25 at 17:00


def test_a_supplement_does_not_undo_lateness() -> None:
    due = vn(10, 12, 17)
    resumed = resume(CAL, due=due, paused_at=vn(10, 13, 9), resumed_at=vn(10, 14, 9))
    assert resumed.due == due


def test_a_second_pause_adds_up() -> None:
    due = processing_due(CAL, vn(10, 5, 10), 5)
    first = resume(CAL, due=due, paused_at=vn(10, 6, 10), resumed_at=vn(10, 6, 11))
    second = resume(CAL, due=first.due, paused_at=vn(10, 8, 14), resumed_at=vn(10, 8, 16))
    assert first.due == vn(10, 13, 8, 30)
    assert second.due == vn(10, 13, 10, 30)
    assert first.paused_minutes + second.paused_minutes == 60 + 120


def _dossier(**changes: object) -> Dossier:
    base = Dossier(
        procedure_id=1,
        procedure_version_id=1,
        applicant_account_id=7,
        agency_unit_id=3,
        holder_unit_id=3,
        tracking_code="HS-0000-0000-0000",
        submitted_at=vn(10, 5, 9),
        reception_due=vn(10, 5, 10),
        processing_days=5,
        payment=PaymentMethod.DESK,
        delivery=DeliveryMethod.DESK,
        state=DossierState.IN_PROCESSING,
        received_at=vn(10, 5, 9, 30),
        processing_due=vn(10, 12, 17),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "now", "expected"),
    [
        ({}, vn(10, 12, 16), StatusClass.OPEN_WITHIN_DEADLINE),
        ({}, vn(10, 12, 17), StatusClass.OPEN_WITHIN_DEADLINE),  # the due instant itself
        ({}, vn(10, 12, 17, 1), StatusClass.OPEN_OVERDUE),
        ({"state": DossierState.RECEIVED}, vn(10, 13, 8), StatusClass.OPEN_OVERDUE),
        (  # the clock stopped in time: within deadline however long the applicant takes
            {"state": DossierState.AWAITING_SUPPLEMENT, "paused_at": vn(10, 9, 9)},
            vn(11, 30, 9),
            StatusClass.OPEN_WITHIN_DEADLINE,
        ),
        (  # stopped when already late: overdue
            {"state": DossierState.AWAITING_SUPPLEMENT, "paused_at": vn(10, 13, 9)},
            vn(10, 13, 10),
            StatusClass.OPEN_OVERDUE,
        ),
        (
            {"state": DossierState.RESULT_READY, "finished_at": vn(10, 9, 10)},
            vn(12, 1),
            StatusClass.DONE_EARLY,
        ),
        (
            {"state": DossierState.DELIVERED, "finished_at": vn(10, 12, 16, 59)},
            vn(12, 1),
            StatusClass.DONE_ON_TIME,
        ),
        (
            {"state": DossierState.DELIVERED, "finished_at": vn(10, 12, 17, 1)},
            vn(12, 1),
            StatusClass.DONE_LATE,
        ),
    ],
)
def test_status_classes(changes: dict[str, object], now: datetime, expected: StatusClass) -> None:
    assert status_class(_dossier(**changes), now, CAL) is expected


def test_finishing_a_second_late() -> None:
    due = vn(10, 12, 17)
    assert class_of_finish(CAL, due + timedelta(seconds=1), due) is StatusClass.DONE_LATE
    assert class_of_finish(CAL, due, due) is StatusClass.DONE_ON_TIME
    assert class_of_finish(CAL, vn(10, 12, 7, 30), due) is StatusClass.DONE_ON_TIME
    assert class_of_finish(CAL, vn(10, 9, 16, 59), due) is StatusClass.DONE_EARLY


def test_not_counted_before_reception_nor_when_withdrawn() -> None:
    submitted = _dossier(state=DossierState.SUBMITTED, received_at=None, processing_due=None)
    assert status_class(submitted, vn(10, 20), CAL) is None
    assert status_class(_dossier(state=DossierState.WITHDRAWN), vn(10, 20), CAL) is None


def test_overdue_reception_and_processing() -> None:
    submitted = _dossier(state=DossierState.SUBMITTED, received_at=None, processing_due=None)
    assert not is_overdue(submitted, vn(10, 5, 10))
    assert is_overdue(submitted, vn(10, 5, 10, 1))
    assert is_overdue(_dossier(), vn(10, 12, 17, 1))
    done = _dossier(state=DossierState.RESULT_READY, finished_at=vn(10, 13, 9))
    assert not is_overdue(done, vn(10, 20))
    incomplete = _dossier(state=DossierState.INCOMPLETE, received_at=None, processing_due=None)
    assert not is_overdue(incomplete, vn(12, 1))
