"""Mutations of periodic reports: define a type, submit, close a round."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.reports.commands import (
    CloseReportRound,
    CreateReportType,
    NewReportType,
    SubmitReport,
)
from domain.tasks.model import Period
from schema.common import UserError, decode_id, dispatched
from schema.reports import ReportRound, ReportSubmission, ReportType


@strawberry.input(description="A named figure")
class FigureInput:
    key: str
    value: float


@strawberry.input(description="A new report type")
class CreateReportTypeInput:
    code: str
    name: str
    period: Period
    due_month: int = strawberry.field(description="Month of the period it is due in (1..)")
    due_day: int = strawberry.field(description="Due before this day (weekly: weekday 1-7)")
    owner_unit_id: strawberry.ID = strawberry.field(description="The receiving office")
    submitter_root_id: strawberry.ID = strawberry.field(description="Whose subtree submits")
    submitter_levels: list[str] | None = strawberry.field(
        default=None, description="Only units of these levels (e.g. DEPARTMENT, DISTRICT)"
    )
    figure_keys: list[str] | None = strawberry.field(
        default=None, description="The figures every submission may give (snake_case)"
    )

    def to_domain(self) -> NewReportType:
        """The domain's NewReportType, ids decoded."""
        return NewReportType(
            code=self.code,
            name=self.name,
            period=self.period,
            due_month=self.due_month,
            due_day=self.due_day,
            owner_unit_id=decode_id(self.owner_unit_id, "OrgUnit", "ownerUnitId"),
            submitter_root_id=decode_id(self.submitter_root_id, "OrgUnit", "submitterRootId"),
            submitter_levels=tuple(self.submitter_levels or ()),
            figure_keys=tuple(self.figure_keys or ()),
        )


@strawberry.input(description="A unit's report for one period")
class SubmitReportInput:
    report_type_id: strawberry.ID
    period: str = strawberry.field(description='The period, e.g. "2026-11"')
    unit_id: strawberry.ID
    text: str
    figures: list[FigureInput] | None = None
    version: int | None = strawberry.field(
        default=None, description="When correcting: the version read (STALE_VERSION if stale)"
    )

    def to_domain(self) -> SubmitReport:
        """The command, ids decoded."""
        return SubmitReport(
            report_type_id=decode_id(self.report_type_id, "ReportType", "reportTypeId"),
            period=self.period,
            unit_id=decode_id(self.unit_id, "OrgUnit", "unitId"),
            text=self.text,
            figures=tuple((f.key, f.value) for f in self.figures or ()),
            expected_version=self.version,
        )


@strawberry.type
class ReportTypePayload:
    report_type: ReportType | None
    errors: list[UserError]


@strawberry.type
class ReportSubmissionPayload:
    submission: ReportSubmission | None
    errors: list[UserError]


@strawberry.type
class ReportRoundPayload:
    round: ReportRound | None
    errors: list[UserError]


@strawberry.type
class ReportMutations:
    @strawberry.mutation(description="Define a report type (task creators of the receiving office)")
    async def create_report_type(
        self, info: Info, input: CreateReportTypeInput
    ) -> ReportTypePayload:
        report_type, errors = await dispatched(
            info, lambda: CreateReportType(input.to_domain()), ReportType.from_domain
        )
        return ReportTypePayload(report_type=report_type, errors=errors)

    @strawberry.mutation(
        description="Send or correct a unit's report (its leader or unit account): late after "
        "the due time; REPORT_CLOSED once the office closed the round"
    )
    async def submit_report(self, info: Info, input: SubmitReportInput) -> ReportSubmissionPayload:
        submission, errors = await dispatched(info, input.to_domain, ReportSubmission.from_domain)
        return ReportSubmissionPayload(submission=submission, errors=errors)

    @strawberry.mutation(
        description="Close a round (task creators of the receiving office): later "
        "submissions are refused"
    )
    async def close_report_round(
        self,
        info: Info,
        report_type_id: strawberry.ID,
        period: Annotated[str, strawberry.argument(description='e.g. "2026-11"')],
    ) -> ReportRoundPayload:
        found, errors = await dispatched(
            info,
            lambda: CloseReportRound(
                decode_id(report_type_id, "ReportType", "reportTypeId"), period
            ),
            ReportRound.from_domain,
        )
        return ReportRoundPayload(round=found, errors=errors)
