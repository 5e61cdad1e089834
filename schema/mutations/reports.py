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
from schema.descriptions import ERRORS
from schema.reports import ReportRound, ReportSubmission, ReportType


@strawberry.input(description="A named figure")
class FigureInput:
    key: str = strawberry.field(description="One of the report type's figureKeys")
    value: float = strawberry.field(description="Its value")


@strawberry.input(description="A new report type")
class CreateReportTypeInput:
    code: str = strawberry.field(
        description="Unique code, 2 to 40 of A-Z, 0-9, _ and - (DUPLICATE_CODE when taken)"
    )
    name: str = strawberry.field(description="Its name, at most 255 characters")
    period: Period = strawberry.field(description="How often it is reported")
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
    report_type_id: strawberry.ID = strawberry.field(description="The report type")
    period: str = strawberry.field(description='The period, e.g. "2026-11"; begun already')
    unit_id: strawberry.ID = strawberry.field(description="The submitting unit")
    text: str = strawberry.field(description="The report's text, at most 50,000 characters")
    figures: list[FigureInput] | None = strawberry.field(
        default=None, description="Its figures, each key once; null: none"
    )
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


@strawberry.type(description="The report type defined, or why it was refused")
class ReportTypePayload:
    report_type: ReportType | None = strawberry.field(description="The new report type")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The report sent, or why it was refused")
class ReportSubmissionPayload:
    submission: ReportSubmission | None = strawberry.field(description="The report as sent")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The round closed, or why it was refused")
class ReportRoundPayload:
    round: ReportRound | None = strawberry.field(description="The round, now closed")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type
class ReportMutations:
    @strawberry.mutation(description="Define a report type (task creators of the receiving office)")
    async def create_report_type(
        self,
        info: Info,
        input: Annotated[
            CreateReportTypeInput, strawberry.argument(description="The new report type")
        ],
    ) -> ReportTypePayload:
        report_type, errors = await dispatched(
            info, lambda: CreateReportType(input.to_domain()), ReportType.from_domain
        )
        return ReportTypePayload(report_type=report_type, errors=errors)

    @strawberry.mutation(
        description="Send or correct a unit's report (its leader or unit account): late after "
        "the due time; REPORT_CLOSED once the office closed the round"
    )
    async def submit_report(
        self,
        info: Info,
        input: Annotated[SubmitReportInput, strawberry.argument(description="The report")],
    ) -> ReportSubmissionPayload:
        submission, errors = await dispatched(info, input.to_domain, ReportSubmission.from_domain)
        return ReportSubmissionPayload(submission=submission, errors=errors)

    @strawberry.mutation(
        description="Close a round (task creators of the receiving office): later "
        "submissions are refused"
    )
    async def close_report_round(
        self,
        info: Info,
        report_type_id: Annotated[
            strawberry.ID, strawberry.argument(description="The report type")
        ],
        period: Annotated[
            str, strawberry.argument(description='The round\'s period by name, e.g. "2026-11"')
        ],
    ) -> ReportRoundPayload:
        found, errors = await dispatched(
            info,
            lambda: CloseReportRound(
                decode_id(report_type_id, "ReportType", "reportTypeId"), period
            ),
            ReportRound.from_domain,
        )
        return ReportRoundPayload(round=found, errors=errors)
