"""Pure rules of the field-report statistics: day periods, what a report contributes on the
area and agency sides, steps counted once, and the figures' rates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.errors import DomainError, ErrorCode
from domain.reflections.model import (
    AssignmentState,
    CancelReason,
    Channel,
    Rating,
    ReflectionState,
    SlaStep,
)
from domain.stats.periods import Grain, parse_period, series
from domain.stats.reflection_figures import reflection_figures
from domain.stats.reflection_rollup import (
    PartFacts,
    ReportFacts,
    ReportRecord,
    Side,
    StepFacts,
    change,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # 1 December 01:00 in Hà Nội time
SNV, PKT, PHUHOI = 10, 11, 20


def _report(**changes: object) -> ReportFacts:
    values: dict[str, object] = {
        "submitted_at": AT,
        "commune_unit_id": PHUHOI,
        "category_id": 3,
        "channel": Channel.APP,
        "state": ReflectionState.IN_HANDLING,
    }
    values.update(changes)
    return ReportFacts(**values)  # type: ignore[arg-type]


def _step(step: SlaStep, agency: int | None, *, late: bool = False, action: str = "X") -> StepFacts:
    return StepFacts(action, AT, agency, step, AT + timedelta(hours=1), late)


def test_day_periods_only_where_asked() -> None:
    day = parse_period("2026-11-23", days=True)
    assert (day.start, day.end, day.grain, day.name) == (
        date(2026, 11, 23),
        date(2026, 11, 24),
        Grain.DAY,
        "2026-11-23",
    )
    for bad in ("2026-02-30", "1999-12-31", "2026-13-01"):
        with pytest.raises(DomainError) as caught:
            parse_period(bad, days=True)
        assert caught.value.code is ErrorCode.INVALID_PERIOD
    with pytest.raises(DomainError):
        parse_period("2026-11-23")  # task statistics are not kept by day
    assert [p.name for p in series(Grain.DAY, "2026-11-30", "2026-12-02", days=True)] == [
        "2026-11-30",
        "2026-12-01",
        "2026-12-02",
    ]


def test_a_report_counts_once_per_grain_by_local_day_on_both_sides() -> None:
    record = ReportRecord(
        _report(),
        (
            PartFacts(SNV, AssignmentState.APPROVED),
            PartFacts(PKT, AssignmentState.ASSIGNED),
            PartFacts(30, AssignmentState.WITHDRAWN),
        ),
    )
    delta = change(None, record, TZ)
    area = {k: v for k, v in delta.cells.items() if k[2] is Side.AREA}
    assert sorted((k[0], k[1]) for k in area) == [
        (Grain.DAY, date(2026, 12, 1)),
        (Grain.MONTH, date(2026, 12, 1)),  # December, not November (local date)
        (Grain.WEEK, date(2026, 11, 30)),
    ]
    assert all(v == {"received": 1, "open": 1} for v in area.values())
    month = {k[3]: v for k, v in delta.cells.items() if k[0] is Grain.MONTH and k[2] is Side.AGENCY}
    assert month == {SNV: {"received": 1, "handled": 1}, PKT: {"received": 1, "open": 1}}


def test_ratings_secrecy_and_cancellations() -> None:
    done = ReportRecord(
        _report(state=ReflectionState.ANSWERED_PRIVATELY, secret=True, rating=Rating.ACCEPTABLE),
        (PartFacts(SNV, AssignmentState.APPROVED), PartFacts(PKT, AssignmentState.RETURNED)),
    )
    cells = change(None, done, TZ).cells
    month = {(k[2], k[3]): v for k, v in cells.items() if k[0] is Grain.MONTH}
    assert month[(Side.AREA, PHUHOI)] == {
        "received": 1,
        "handled": 1,
        "secret": 1,
        "rated_acceptable": 1,
    }
    assert month[(Side.AGENCY, SNV)]["rated_acceptable"] == 1
    assert "rated_acceptable" not in month[(Side.AGENCY, PKT)]  # returned: not its result
    assert month[(Side.AGENCY, PKT)]["returned"] == 1
    cancelled = ReportRecord(_report(state=ReflectionState.CANCELLED, cancel_reason=None))
    [area] = [v for k, v in change(None, cancelled, TZ).cells.items() if k[0] is Grain.DAY]
    assert area == {"received": 1, "cancelled_unclear_or_test": 1}
    reason = ReportRecord(
        _report(state=ReflectionState.CANCELLED, cancel_reason=CancelReason.VERIFICATION_FAILED)
    )
    [area] = [v for k, v in change(None, reason, TZ).cells.items() if k[0] is Grain.DAY]
    assert area["cancelled_verification_failed"] == 1


def test_a_distribution_closes_the_intake_once_and_agency_steps_per_agency() -> None:
    steps = (
        _step(SlaStep.INTAKE, SNV, action="DISTRIBUTE", late=True),
        _step(SlaStep.INTAKE, PKT, action="DISTRIBUTE", late=True),
        _step(SlaStep.ACCEPT, SNV),
        _step(SlaStep.ACCEPT, PKT, late=True),
    )
    record = ReportRecord(_report(), (), steps)
    month = {
        (k[2], k[3], k[7]): v
        for k, v in change(None, record, TZ).steps.items()
        if k[0] is Grain.MONTH
    }
    assert month == {
        (Side.AREA, PHUHOI, SlaStep.INTAKE): {"late": 1},
        (Side.AREA, PHUHOI, SlaStep.ACCEPT): {"on_time": 1, "late": 1},
        (Side.AGENCY, SNV, SlaStep.ACCEPT): {"on_time": 1},
        (Side.AGENCY, PKT, SlaStep.ACCEPT): {"late": 1},
    }


def test_a_change_moves_only_the_difference() -> None:
    before = ReportRecord(_report(category_id=None))
    after = ReportRecord(_report(category_id=4))
    assert change(before, before, TZ).cells == {}
    moved = change(before, after, TZ).cells
    assert {k[5]: dict(v) for k, v in moved.items() if k[0] is Grain.DAY} == {
        0: {"received": -1, "open": -1},
        4: {"received": 1, "open": 1},
    }


def test_figures_rates() -> None:
    f = reflection_figures(
        parse_period("2026-11"),
        Side.AREA,
        {
            "received": 10,
            "handled": 6,
            "rated_satisfied": 2,
            "rated_acceptable": 1,
            "rated_unsatisfied": 1,
        },
        {SlaStep.INTAKE: {"on_time": 6, "late": 2}},
        {SlaStep.INTAKE: 2, SlaStep.HANDLE: 0},
    )
    assert (f.rated, f.satisfaction_rate) == (4, 0.75)
    assert [(s.step, s.on_time, s.late, s.overdue) for s in f.steps] == [(SlaStep.INTAKE, 6, 2, 2)]
    assert (f.overdue, f.on_time_rate, f.steps[0].on_time_rate) == (2, 0.6, 0.6)
    empty = reflection_figures(parse_period("2026"), Side.AGENCY, {}, {}, {})
    assert (empty.satisfaction_rate, empty.on_time_rate, empty.cancelled_total) == (None, None, 0)
