"""Mutations of periodic reports: define a type, submit, close a round."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.reports import model
from domain.reports.services import NewReportType, Submission
from domain.tasks.model import Period
from resolvers.reports import reports as run
from schema.common import UserError, attempt, ctx_of, decode_id, errors_of
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
        ctx = ctx_of(info)

        async def make() -> model.ReportType | DomainError:
            return await run.create_report_type(
                ctx,
                NewReportType(
                    code=input.code,
                    name=input.name,
                    period=input.period,
                    due_month=input.due_month,
                    due_day=input.due_day,
                    owner_unit_id=decode_id(input.owner_unit_id, "OrgUnit", "ownerUnitId"),
                    submitter_root_id=decode_id(
                        input.submitter_root_id, "OrgUnit", "submitterRootId"
                    ),
                    submitter_levels=tuple(input.submitter_levels or ()),
                    figure_keys=tuple(input.figure_keys or ()),
                ),
            )

        result = await attempt(make)
        return ReportTypePayload(
            report_type=None if isinstance(result, DomainError) else ReportType.from_domain(result),
            errors=errors_of(result),
        )

    @strawberry.mutation(
        description="Send or correct a unit's report (its leader or unit account): late after "
        "the due time; REPORT_CLOSED once the office closed the round"
    )
    async def submit_report(
        self,
        info: Info,
        input: Annotated[SubmitReportInput, strawberry.argument(description="The report")],
    ) -> ReportSubmissionPayload:
        ctx = ctx_of(info)

        async def make() -> model.ReportSubmission | DomainError:
            return await run.submit_report(
                ctx,
                Submission(
                    report_type_id=decode_id(input.report_type_id, "ReportType", "reportTypeId"),
                    period=input.period,
                    unit_id=decode_id(input.unit_id, "OrgUnit", "unitId"),
                    text=input.text,
                    figures=tuple((f.key, f.value) for f in input.figures or ()),
                    expected_version=input.version,
                ),
            )

        result = await attempt(make)
        submission = None if isinstance(result, DomainError) else result
        return ReportSubmissionPayload(
            submission=ReportSubmission.from_domain(submission) if submission else None,
            errors=errors_of(result),
        )

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
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.close_round(
                ctx, decode_id(report_type_id, "ReportType", "reportTypeId"), period
            )
        )
        found = None if isinstance(result, DomainError) else result
        return ReportRoundPayload(
            round=ReportRound.from_domain(found) if found is not None else None,
            errors=errors_of(result),
        )
