"""The commands of periodic reports; each is handled by one use case of this package."""

from __future__ import annotations

from dataclasses import dataclass

from domain.commands import Command
from domain.reports.model import ReportRound, ReportSubmission, ReportType
from domain.tasks.model import Period


@dataclass(frozen=True)
class NewReportType:
    """A report type as the receiving office defines it."""

    code: str
    name: str
    period: Period
    due_month: int
    due_day: int
    owner_unit_id: int
    submitter_root_id: int
    submitter_levels: tuple[str, ...] = ()
    figure_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CreateReportType(Command[ReportType]):
    """Define a report type."""

    new: NewReportType


@dataclass(frozen=True, slots=True)
class SubmitReport(Command[ReportSubmission]):
    """What a unit sends (or corrects) for one round."""

    report_type_id: int
    period: str
    unit_id: int
    text: str
    figures: tuple[tuple[str, float], ...] = ()
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CloseReportRound(Command[ReportRound]):
    """The receiving office closes a round: later submissions are refused."""

    report_type_id: int
    period: str
