"""Use cases of periodic reports: define a report type, submit (late flag), close a round,
and aggregate a round up the tree."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.accounts.model import Role
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, StaleVersion
from domain.org.model import OrgUnit
from domain.org.services import load_active
from domain.permissions import Principal, PrincipalKind
from domain.reports.commands import CloseReportRound, CreateReportType, SubmitReport
from domain.reports.model import GRAIN_OF, DueRule, ReportRound, ReportSubmission, ReportType
from domain.reports.ports import ReportRepository, ReportUnitOfWork
from domain.stats.periods import ReportPeriod, parse_period
from domain.text import clean_text

_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{1,39}")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_FIGURES = 50


@handles(CreateReportType)
async def create_report_type(
    uow: ReportUnitOfWork, caller: Caller, command: CreateReportType
) -> ReportType:
    """Define a report type; task creators (or admins) of the receiving office."""
    actor, new = caller.actor, command.new
    owner = await load_active(uow, new.owner_unit_id, field="ownerUnitId")
    if not actor.has(Role.TASK_CREATOR, owner.path):
        raise Forbidden("Only task creators of the receiving office define its reports")
    await load_active(uow, new.submitter_root_id, field="submitterRootId")
    code = new.code.strip().upper()
    if not _CODE.fullmatch(code):
        raise DomainError(ErrorCode.INVALID_INPUT, "Codes are 2-40 of A-Z, 0-9, _ and -", "code")
    if await uow.reports.get_type_by_code(code) is not None:
        raise DomainError(ErrorCode.DUPLICATE_CODE, f"Report type {code} exists", "code")
    DueRule(new.due_month, new.due_day).check(new.period)
    for level in set(new.submitter_levels):
        if await uow.units.get_level(level) is None:
            raise DomainError(
                ErrorCode.INVALID_INPUT,
                f"No level of the org tree is called {level[:40]!r} (see orgLevels)",
                "submitterLevels",
            )
    keys = list(dict.fromkeys(new.figure_keys))
    if len(keys) > MAX_FIGURES or not all(_KEY.fullmatch(k) for k in keys):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Figure keys are snake_case names (at most 50)", "figureKeys"
        )
    return await uow.reports.add_type(
        ReportType(
            code=code,
            name=clean_text(new.name, field="name", max_length=255, required=True),
            period=new.period,
            due_month=new.due_month,
            due_day=new.due_day,
            owner_unit_id=owner.id,
            submitter_root_id=new.submitter_root_id,
            submitter_levels=json.dumps(sorted(set(new.submitter_levels))),
            figure_keys=json.dumps(keys),
            created_at=caller.now,
        )
    )


async def known_type(reports: ReportRepository, type_id: int) -> ReportType:
    """The report type, or UNKNOWN_REPORT_TYPE."""
    found = await reports.get_type(type_id)
    if found is None:
        raise DomainError(ErrorCode.UNKNOWN_REPORT_TYPE, "Unknown report type", "reportTypeId")
    return found


def period_of_type(report_type: ReportType, name: str) -> ReportPeriod:
    """The named period, which must be of the report type's kind (INVALID_PERIOD)."""
    period = parse_period(name)
    if period.grain is not GRAIN_OF[report_type.period]:
        raise DomainError(
            ErrorCode.INVALID_PERIOD,
            f"{report_type.code} is a {report_type.period.value.lower()} report",
            "period",
        )
    return period


def can_submit_for(actor: Principal, unit: OrgUnit) -> bool:
    """The unit's leader, its unit account, or an admin over it."""
    if actor.kind is PrincipalKind.UNIT_ACCOUNT and actor.unit_id == unit.id:
        return True
    return actor.has(Role.LEADER, unit.path)


@handles(SubmitReport)
async def submit_report(
    uow: ReportUnitOfWork, caller: Caller, sent: SubmitReport
) -> ReportSubmission:
    """Send (or correct) a unit's report; late after the due time, refused once closed."""
    actor, now, zone = caller.actor, caller.now, caller.calendar.timezone
    report_type = await known_type(uow.reports, sent.report_type_id)
    period = period_of_type(report_type, sent.period)
    if period.start > now.astimezone(zone).date():
        raise DomainError(ErrorCode.INVALID_PERIOD, "The period has not begun", "period")
    unit = await load_active(uow, sent.unit_id, field="unitId")
    if not can_submit_for(actor, unit):
        raise Forbidden("Only the unit's leader or its unit account submits its reports")
    root = await uow.units.get(report_type.submitter_root_id)
    if root is None or not any(
        u.id == unit.id for u in await uow.reports.submitters_under(report_type, unit.path)
    ):
        raise DomainError(
            ErrorCode.NOT_IN_COMPETENCE, "This unit does not submit this report", "unitId"
        )
    text = clean_text(sent.text, field="text", max_length=50_000, required=True)
    figures = _figures(report_type, sent.figures)
    report_round = await open_round(uow, report_type, period, zone, lock=True)
    if report_round.closed_at is not None:
        raise DomainError(ErrorCode.REPORT_CLOSED, "The round is closed", "period")
    late = now > report_round.due_at
    existing = await uow.reports.get_submission(report_round.id, unit.id)
    if existing is not None:
        if sent.expected_version is not None and sent.expected_version != existing.version:
            raise StaleVersion("The report")
        existing.text, existing.figures = text, figures
        existing.submitted_at, existing.submitted_by, existing.late = now, actor.account_id, late
        return existing
    return await uow.reports.add_submission(
        ReportSubmission(report_round.id, unit.id, text, figures, now, actor.account_id, late)
    )


def _figures(report_type: ReportType, given: tuple[tuple[str, float], ...]) -> str:
    keys = report_type.keys
    values: dict[str, float] = {}
    for key, value in given:
        if keys and key not in keys:
            raise DomainError(ErrorCode.INVALID_INPUT, f"Unknown figure {key}", "figures")
        if key in values or not math.isfinite(value):
            raise DomainError(ErrorCode.INVALID_INPUT, f"Give {key} once, as a number", "figures")
        values[key] = value
    return json.dumps(values)


async def open_round(
    uow: ReportUnitOfWork,
    report_type: ReportType,
    period: ReportPeriod,
    zone: ZoneInfo,
    *,
    lock: bool = False,
) -> ReportRound:
    """The round of the period, made on first use with its due time."""
    found = await uow.reports.get_round(report_type.id, period.name, lock=lock)
    if found is not None:
        return found
    return await uow.reports.add_round(
        ReportRound(report_type.id, period.name, report_type.rule.due(period, zone))
    )


@handles(CloseReportRound)
async def close_round(
    uow: ReportUnitOfWork, caller: Caller, command: CloseReportRound
) -> ReportRound:
    """The receiving office closes a round: later submissions are refused."""
    actor = caller.actor
    report_type = await known_type(uow.reports, command.report_type_id)
    owner = await uow.units.get(report_type.owner_unit_id)
    if owner is None or not actor.has(Role.TASK_CREATOR, owner.path):
        raise Forbidden("Only task creators of the receiving office close its rounds")
    period = period_of_type(report_type, command.period)
    report_round = await open_round(uow, report_type, period, caller.calendar.timezone)
    if report_round.closed_at is not None:
        raise DomainError(ErrorCode.REPORT_CLOSED, "The round is already closed", "period")
    report_round.closed_at, report_round.closed_by = caller.now, actor.account_id
    return report_round


@dataclass(frozen=True)
class Aggregate:
    """A round seen from one unit: its subtree's submissions, who is missing, the sums."""

    report_type: ReportType
    period: ReportPeriod
    unit: OrgUnit
    due_at: datetime
    closed_at: datetime | None
    expected: list[OrgUnit]
    submissions: list[tuple[OrgUnit, ReportSubmission]]
    totals: dict[str, float]

    @property
    def missing(self) -> list[OrgUnit]:
        """Submitting units of the subtree that sent nothing."""
        sent = {u.id for u, _ in self.submissions}
        return [u for u in self.expected if u.id not in sent]

    @property
    def late(self) -> int:
        """Submissions sent after the due time."""
        return sum(1 for _, s in self.submissions if s.late)

    def by_child(self) -> list[ChildTotals]:
        """The round summed up to each unit directly under the aggregate's unit (those of
        its subtree that submit), with the unit's own submission first when it submits."""
        rows: dict[int, ChildTotals] = {}
        sent = {u.id: s for u, s in self.submissions}
        depth = self.unit.path.count("/")
        for unit in self.expected:
            parts = unit.path.strip("/").split("/")
            head = int(parts[depth - 1]) if len(parts) >= depth else unit.id
            row = rows.setdefault(head, ChildTotals(head, 0, 0, 0, Counter()))
            row.expected += 1
            if (submission := sent.get(unit.id)) is not None:
                row.submitted += 1
                row.late += int(submission.late)
                row.totals.update(submission.figure_values)
        return list(rows.values())


@dataclass
class ChildTotals:
    """One child's subtree in an aggregate."""

    unit_id: int
    expected: int
    submitted: int
    late: int
    totals: Counter[str]


async def aggregate(
    reports: ReportRepository, report_type: ReportType, period: ReportPeriod, unit: OrgUnit, tz: str
) -> Aggregate:
    """The round of `period` over `unit`'s subtree: every submission in it, figures summed."""
    found = await reports.get_round(report_type.id, period.name)
    expected = await reports.submitters_under(report_type, unit.path)
    due_at = found.due_at if found else report_type.rule.due(period, ZoneInfo(tz))
    sent = await reports.submissions_under(found.id, unit.path) if found else []
    by_id = {u.id: u for u in expected}
    pairs = [(by_id[s.unit_id], s) for s in sent if s.unit_id in by_id]
    totals: Counter[str] = Counter()
    for _, s in pairs:
        totals.update(s.figure_values)
    return Aggregate(
        report_type,
        period,
        unit,
        due_at,
        found.closed_at if found else None,
        expected,
        sorted(pairs, key=lambda p: p[0].path),
        dict(totals),
    )
