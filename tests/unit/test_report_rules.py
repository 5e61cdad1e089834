"""Due rules of periodic reports and the sums of an aggregate up the tree."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.errors import DomainError
from domain.org.model import OrgUnit, UnitKind
from domain.reports.model import DueRule, ReportSubmission, ReportType
from domain.reports.services import Aggregate
from domain.stats.periods import parse_period
from domain.tasks.model import Period

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("rule", "period", "due"),
    [
        (DueRule(1, 22), "2026-11", datetime(2026, 11, 22, tzinfo=VN)),  # before the 22nd (002)
        (DueRule(3, 20), "2026-Q4", datetime(2026, 12, 20, tzinfo=VN)),  # quarter's last month
        (DueRule(12, 1), "2026", datetime(2026, 12, 1, tzinfo=VN)),  # before 1 December
        (DueRule(1, 5), "2026-W48", datetime(2026, 11, 27, tzinfo=VN)),  # before Friday
    ],
)
def test_due_instants(rule: DueRule, period: str, due: datetime) -> None:
    assert rule.due(parse_period(period), VN) == due


@pytest.mark.parametrize(
    ("rule", "period"),
    [
        (DueRule(1, 29), Period.MONTHLY),  # not in February
        (DueRule(2, 10), Period.MONTHLY),
        (DueRule(4, 20), Period.QUARTERLY),
        (DueRule(2, 29), Period.YEARLY),
        (DueRule(13, 1), Period.YEARLY),
        (DueRule(1, 8), Period.WEEKLY),
        (DueRule(1, 0), Period.WEEKLY),
    ],
)
def test_rules_that_would_not_exist_in_every_period(rule: DueRule, period: Period) -> None:
    with pytest.raises(DomainError):
        rule.check(period)


def _unit(unit_id: int, path: str) -> OrgUnit:
    unit = OrgUnit(
        code=f"U{unit_id}",
        name=f"Unit {unit_id}",
        level_code="X",
        kind=UnitKind.GOVERNMENT,
        valid_from=date(2020, 1, 1),
    )
    unit.id, unit.path = unit_id, path
    return unit


def test_an_aggregate_sums_up_to_each_child() -> None:
    province, district, commune_a, commune_b, department = (
        _unit(1, "/1/"),
        _unit(2, "/1/2/"),
        _unit(3, "/1/2/3/"),
        _unit(4, "/1/2/4/"),
        _unit(5, "/1/5/"),
    )
    at = datetime(2026, 11, 20, tzinfo=UTC)
    sent = [
        (commune_a, ReportSubmission(1, 3, "a", '{"x": 2}', at, None, False)),
        (commune_b, ReportSubmission(1, 4, "b", '{"x": 3, "y": 1}', at, None, True)),
        (department, ReportSubmission(1, 5, "d", '{"x": 10}', at, None, False)),
    ]
    kind = ReportType("R", "R", Period.MONTHLY, 1, 22, 1, 1, "[]", at)
    aggregate = Aggregate(
        kind,
        parse_period("2026-11"),
        province,
        at,
        None,
        [district, commune_a, commune_b, department],
        sent,
        {"x": 15.0, "y": 1.0},
    )
    rows = {c.unit_id: (c.expected, c.submitted, c.late, c.totals) for c in aggregate.by_child()}
    assert rows == {
        2: (3, 2, 1, Counter({"x": 5.0, "y": 1.0})),
        5: (1, 1, 0, Counter({"x": 10.0})),
    }
    assert [u.id for u in aggregate.missing] == [2]
    assert aggregate.late == 1
