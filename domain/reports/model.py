"""Periodic work reports (000 Annex VII.II; 002 Art. 17-18; 001 Art. 15): report types with a
period and a due rule, the rounds of each period, and the units' submissions."""

from __future__ import annotations

import json
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import DomainError, ErrorCode
from domain.stats.periods import Grain, ReportPeriod
from domain.tasks.model import Period

GRAIN_OF = {
    Period.WEEKLY: Grain.WEEK,
    Period.MONTHLY: Grain.MONTH,
    Period.QUARTERLY: Grain.QUARTER,
    Period.YEARLY: Grain.YEAR,
}
_MONTHS = {Period.MONTHLY: 1, Period.QUARTERLY: 3, Period.YEARLY: 12}


@dataclass(frozen=True)
class DueRule:
    """ "Before day `day` of the period's month number `month`" (monthly: before the 22nd is
    month 1, day 22; quarterly, before the 20th of the last month: month 3, day 20; yearly,
    before 1 December: month 12, day 1). Weekly: `day` is the weekday (1 Monday .. 7 Sunday)
    of the period's week. The report is due at local midnight starting that day."""

    month: int
    day: int

    def check(self, period: Period) -> None:
        """Refuse a rule that would not exist in every period of that kind."""
        if period is Period.WEEKLY:
            if self.month != 1 or not 1 <= self.day <= 7:
                raise DomainError(
                    ErrorCode.INVALID_INPUT, "A weekly rule names a weekday 1-7", "dueDay"
                )
            return
        if not 1 <= self.month <= _MONTHS[period]:
            raise DomainError(
                ErrorCode.INVALID_INPUT, "The month lies outside the period", "dueMonth"
            )
        last = monthrange(2001, self.month)[1] if period is Period.YEARLY else 28
        if not 1 <= self.day <= last:
            raise DomainError(
                ErrorCode.INVALID_INPUT, f"Day {self.day} is not in every such month", "dueDay"
            )

    def due(self, period: ReportPeriod, tz: ZoneInfo) -> datetime:
        """The instant the report of `period` is due (the start of the named day)."""
        if period.grain is Grain.WEEK:
            day = period.start + timedelta(days=self.day - 1)
        else:
            index = period.start.year * 12 + period.start.month - 1 + self.month - 1
            day = date(index // 12, index % 12 + 1, self.day)
        return datetime.combine(day, time(), tz)


@dataclass
class ReportType:
    """A kind of periodic report: who receives it, who submits it, when it is due."""

    code: str
    name: str
    period: Period
    due_month: int
    due_day: int
    owner_unit_id: int
    submitter_root_id: int
    submitter_levels: str  # JSON list of level codes; empty: every unit under the root
    created_at: datetime
    figure_keys: str = "[]"  # JSON list of the figures each submission gives
    active: bool = True
    version: int = 1
    id: int = field(init=False)

    @property
    def rule(self) -> DueRule:
        """The due rule."""
        return DueRule(self.due_month, self.due_day)

    @property
    def levels(self) -> list[str]:
        """Level codes of the submitting units (empty: all under the root)."""
        return list(json.loads(self.submitter_levels or "[]"))

    @property
    def keys(self) -> list[str]:
        """The figures a submission gives."""
        return list(json.loads(self.figure_keys or "[]"))


@dataclass
class ReportRound:
    """One period of a report type: its due instant, and its closing by the receiving office."""

    report_type_id: int
    period: str
    due_at: datetime
    closed_at: datetime | None = None
    closed_by: int | None = None
    version: int = 1
    id: int = field(init=False)


@dataclass
class ReportSubmission:
    """A unit's report for one round: text and figures; late when sent after the due time."""

    round_id: int
    unit_id: int
    text: str
    figures: str  # JSON object {key: number}
    submitted_at: datetime
    submitted_by: int | None
    late: bool = False
    version: int = 1
    id: int = field(init=False)

    @property
    def figure_values(self) -> dict[str, float]:
        """The figures as a mapping."""
        return {str(k): float(v) for k, v in json.loads(self.figures or "{}").items()}
