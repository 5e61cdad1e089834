"""Periodic reports: types, rounds, submissions, aggregates up the tree (000 Annex VII.II)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.reports import model, services
from domain.tasks.model import Period
from resolvers.reports import reports as run
from schema.common import ctx_of, decode_id, encode_id
from schema.descriptions import VERSION_FIELD
from schema.org import OrgUnit


@strawberry.type(description="A named figure of a report")
class Figure:
    key: str = strawberry.field(description="The figure's key, one of the type's figureKeys")
    value: float = strawberry.field(description="Its value (or the sum of the values)")


def figures(values: dict[str, float]) -> list[Figure]:
    """Figures sorted by key."""
    return [Figure(key=k, value=v) for k, v in sorted(values.items())]


@strawberry.type(
    description="A kind of periodic report: its period, due rule, receiving office and "
    "submitting units (the units under submitterRoot, of submitterLevels when given)"
)
class ReportType:
    id: strawberry.ID = strawberry.field(description="Global id of the report type")
    code: str = strawberry.field(
        description="Unique code (2 to 40 of A-Z, 0-9, _ and -), used in download addresses"
    )
    name: str = strawberry.field(description="Its name, in Vietnamese")
    period: Period = strawberry.field(description="How often it is reported")
    due_month: int = strawberry.field(
        description="Month of the period the report is due in (1 for monthly and weekly)"
    )
    due_day: int = strawberry.field(
        description="Due before this day of that month (weekly: before this weekday, 1=Monday)"
    )
    submitter_levels: list[str] = strawberry.field(
        description="The level codes of the units that submit; empty: every unit of the subtree"
    )
    figure_keys: list[str] = strawberry.field(
        description="The figures a submission may give (snake_case keys)"
    )
    owner_unit_id: strawberry.Private[int]
    submitter_root_id: strawberry.Private[int]

    @strawberry.field(description="The office that receives and closes the rounds")
    async def owner_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.owner_unit_id)

    @strawberry.field(description="The subtree whose units submit")
    async def submitter_root(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.submitter_root_id)

    @classmethod
    def from_domain(cls, t: model.ReportType) -> ReportType:
        """The GraphQL view of a report type."""
        return cls(
            id=encode_id("ReportType", t.id),
            code=t.code,
            name=t.name,
            period=t.period,
            due_month=t.due_month,
            due_day=t.due_day,
            submitter_levels=t.levels,
            figure_keys=t.keys,
            owner_unit_id=t.owner_unit_id,
            submitter_root_id=t.submitter_root_id,
        )


async def _unit(info: Info, unit_id: int) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id)
    return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="One period of a report type")
class ReportRound:
    period: str = strawberry.field(description='The period by name ("2026-11")')
    due_at: datetime = strawberry.field(description="When its reports are due (UTC)")
    closed_at: datetime | None = strawberry.field(
        description="When the office closed it (UTC); null while open"
    )
    version: int = strawberry.field(description=VERSION_FIELD)

    @classmethod
    def from_domain(cls, r: model.ReportRound) -> ReportRound:
        """The GraphQL view of a round."""
        return cls(period=r.period, due_at=r.due_at, closed_at=r.closed_at, version=r.version)


@strawberry.type(description="A unit's report for one round")
class ReportSubmission:
    id: strawberry.ID = strawberry.field(description="Global id of the submission")
    text: str = strawberry.field(description="The report's text, as the unit wrote it")
    figures: list[Figure] = strawberry.field(description="Its figures, by key")
    submitted_at: datetime = strawberry.field(description="When it was last sent (UTC)")
    late: bool = strawberry.field(description="Sent after the round's due time")
    version: int = strawberry.field(description=VERSION_FIELD)
    unit_id: strawberry.Private[int]

    @strawberry.field(description="The submitting unit")
    async def unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.unit_id)

    @classmethod
    def from_domain(cls, s: model.ReportSubmission) -> ReportSubmission:
        """The GraphQL view of a submission."""
        return cls(
            id=encode_id("ReportSubmission", s.id),
            text=s.text,
            figures=figures(s.figure_values),
            submitted_at=s.submitted_at,
            late=s.late,
            version=s.version,
            unit_id=s.unit_id,
        )


@strawberry.type(description="A child unit's subtree in an aggregated report")
class ReportChildTotals:
    expected: int = strawberry.field(description="Units of that subtree that submit")
    submitted: int = strawberry.field(description="Of them, those that submitted")
    late: int = strawberry.field(description="Of them, those that submitted late")
    totals: list[Figure] = strawberry.field(description="Figures summed over that subtree")
    unit_id: strawberry.Private[int]

    @strawberry.field(description="The child unit (or the unit itself for its own report)")
    async def unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.unit_id)


@strawberry.type(description="A round over a unit's subtree: submissions, missing units, sums")
class ReportAggregate:
    report_type: ReportType = strawberry.field(description="The report type")
    period: str = strawberry.field(description="The round's period by name")
    due_at: datetime = strawberry.field(description="When its reports were due (UTC)")
    closed_at: datetime | None = strawberry.field(
        description="When the round was closed (UTC); null while open"
    )
    expected_count: int = strawberry.field(description="Units of the subtree that submit")
    submitted_count: int = strawberry.field(description="Of them, those that submitted")
    late_count: int = strawberry.field(description="Of them, those that submitted late")
    missing: list[OrgUnit] = strawberry.field(description="Units that have not submitted")
    submissions: list[ReportSubmission] = strawberry.field(
        description="The reports of the subtree's units"
    )
    totals: list[Figure] = strawberry.field(description="Figures summed over the subtree")
    by_child: list[ReportChildTotals] = strawberry.field(
        description="The same sums for each unit directly under this one"
    )

    @classmethod
    def from_domain(cls, a: services.Aggregate) -> ReportAggregate:
        """The GraphQL view of an aggregate."""
        return cls(
            report_type=ReportType.from_domain(a.report_type),
            period=a.period.name,
            due_at=a.due_at,
            closed_at=a.closed_at,
            expected_count=len(a.expected),
            submitted_count=len(a.submissions),
            late_count=a.late,
            missing=[OrgUnit.from_domain(u) for u in a.missing],
            submissions=[ReportSubmission.from_domain(s) for _, s in a.submissions],
            totals=figures(a.totals),
            by_child=[
                ReportChildTotals(
                    expected=c.expected,
                    submitted=c.submitted,
                    late=c.late,
                    totals=figures(dict(c.totals)),
                    unit_id=c.unit_id,
                )
                for c in a.by_child()
            ],
        )


@strawberry.type
class ReportQuery:
    @strawberry.field(description="Every report type (signed-in staff)")
    async def report_types(self, info: Info) -> list[ReportType]:
        return [ReportType.from_domain(t) for t in await run.report_types(ctx_of(info))]

    @strawberry.field(
        description="A round aggregated over a unit's subtree (overseers, admins, task "
        "creators and leaders over the unit; the unit's own account). Download it as "
        "/reports/{code}/{period}.docx|.pdf|.xlsx?unit={unit code}."
    )
    async def report_aggregate(
        self,
        info: Info,
        report_type_id: Annotated[
            strawberry.ID, strawberry.argument(description="The report type")
        ],
        period: Annotated[
            str, strawberry.argument(description='The round\'s period by name ("2026-11")')
        ],
        unit_id: Annotated[
            strawberry.ID, strawberry.argument(description="The unit whose subtree is summed")
        ],
    ) -> ReportAggregate:
        found = await run.report_aggregate(
            ctx_of(info),
            decode_id(report_type_id, "ReportType", "reportTypeId"),
            period,
            decode_id(unit_id, "OrgUnit", "unitId"),
        )
        return ReportAggregate.from_domain(found)
