"""Periods, the figures of a period, and what a task change moves in the statistics."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import WorkingCalendar
from domain.errors import DomainError, ErrorCode
from domain.stats.figures import figures, median_tenths
from domain.stats.periods import Grain, parse_period, series
from domain.stats.rollup import TaskFacts, change, handling_tenths
from domain.tasks.model import TaskKind, TaskState

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("name", "start", "end", "grain"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 12, 1), Grain.MONTH),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1), Grain.MONTH),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1), Grain.QUARTER),
        ("2026", date(2026, 1, 1), date(2027, 1, 1), Grain.YEAR),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 5), Grain.WEEK),
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 4), Grain.WEEK),  # 2026 has 53 weeks
        (" 2026-q1 ", date(2026, 1, 1), date(2026, 4, 1), Grain.QUARTER),
    ],
)
def test_periods_by_name(name: str, start: date, end: date, grain: Grain) -> None:
    period = parse_period(name)
    assert (period.start, period.end, period.grain) == (start, end, grain)
    assert parse_period(period.name) == period


@pytest.mark.parametrize(
    "name", ["2026-13", "2026-00", "2025-W53", "2026-W00", "2026-Q0", "2026-Q5", "1999", "x", ""]
)
def test_periods_that_do_not_exist(name: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_period(name)
    assert refused.value.code is ErrorCode.INVALID_PERIOD


def test_series_stay_in_one_grain_and_are_bounded() -> None:
    assert [p.name for p in series(Grain.MONTH, "2026-11", "2027-02")] == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    for first, last in (("2026-11", "2026-W50"), ("2026-12", "2026-11"), ("2000-01", "2026-01")):
        with pytest.raises(DomainError):
            series(Grain.MONTH, first, last)


def test_median_of_a_histogram() -> None:
    assert median_tenths({}) is None
    assert median_tenths({10: 1}) == 1.0
    assert median_tenths({10: 1, 30: 1}) == 2.0
    assert median_tenths({5: 3, 40: 1}) == 0.5
    assert median_tenths({5: 2, 40: 2}) == 2.25


def test_open_tasks_are_overdue_in_past_buckets_and_split_live_in_todays() -> None:
    period = parse_period("2026-11")
    cells = [
        (date(2026, 10, 26), {"total": 2, "open_deadline": 2}),  # a week holding 1 November
        (date(2026, 11, 16), {"total": 3, "open_deadline": 2, "done_late": 1}),
        (date(2026, 11, 23), {"total": 4, "open_deadline": 3, "done_on_time": 1}),
    ]
    week = parse_period("2026-W48")
    f = figures(week, cells[2:], {}, today=date(2026, 11, 25), overdue_now=2)
    assert (f.open_overdue, f.open_within_deadline) == (2, 1)
    f = figures(week, cells, {}, today=date(2026, 11, 25), overdue_now=2)
    assert (f.total, f.open_overdue, f.open_within_deadline) == (9, 6, 1)
    assert f.on_time_rate == round(1 / 8, 4)
    assert figures(period, [], {}, today=date(2026, 11, 25), overdue_now=0).on_time_rate is None


def _facts(**values: object) -> TaskFacts:
    base: dict[str, object] = {
        "kind": TaskKind.DIRECTIVE,
        "lead_unit_id": 7,
        "state": TaskState.SENT,
        "created_at": datetime(2026, 11, 1, 3, tzinfo=UTC),
        "deadline": datetime(2026, 11, 30, 17, 30, tzinfo=UTC),  # 1 December in Hà Nội
    }
    return TaskFacts(**(base | values))  # type: ignore[arg-type]


def test_a_change_moves_the_task_between_cells() -> None:
    created = change(None, _facts(), VN)
    assert {(g, b) for g, b, *_ in created.cells} == {
        (Grain.MONTH, date(2026, 12, 1)),  # cut by the province's local date
        (Grain.WEEK, date(2026, 11, 30)),
    }
    assert all(c == {"total": 1, "open_deadline": 1} for c in created.cells.values())
    done = _facts(
        state=TaskState.COMPLETED,
        completed_at=datetime(2026, 11, 30, 1, tzinfo=UTC),
        handling_tenths=35,
    )
    moved = change(_facts(), done, VN)
    assert all(c == {"open_deadline": -1, "done_on_time": 1} for c in moved.cells.values())
    assert sorted(moved.histogram.values()) == [1, 1]
    cancelled = change(_facts(), _facts(state=TaskState.CANCELLED), VN)
    assert all(c == {"total": -1, "open_deadline": -1} for c in cancelled.cells.values())
    later = _facts(deadline=datetime(2027, 1, 5, 10, tzinfo=UTC))
    shifted = change(_facts(), later, VN)
    assert len(shifted.cells) == 4
    assert not change(_facts(), _facts(), VN).cells


def test_handling_time_counts_working_days() -> None:
    calendar = WorkingCalendar()
    friday = datetime(2026, 11, 6, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
    assert handling_tenths(calendar, friday, friday + timedelta(days=7)) == 50
    assert handling_tenths(calendar, friday, friday) == 0
    assert handling_tenths(calendar, friday, friday - timedelta(days=1)) == 0
