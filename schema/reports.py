"""Periodic reports: types, rounds, submissions, aggregates up the tree (000 Annex VII.II)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.reports import model, services
from domain.tasks.model import Period
from resolvers.reports import reports as run
from schema.common import ctx_of, decode_id, encode_id
from schema.org import OrgUnit


@strawberry.type(description="A named figure of a report")
class Figure:
    key: str
    value: float


def figures(values: dict[str, float]) -> list[Figure]:
    """Figures sorted by key."""
    return [Figure(key=k, value=v) for k, v in sorted(values.items())]


@strawberry.type(
    description="A kind of periodic report: its period, due rule, receiving office and "
    "submitting units (the units under submitterRoot, of submitterLevels when given)"
)
class ReportType:
    id: strawberry.ID
    code: str
    name: str
    period: Period
    due_month: int = strawberry.field(
        description="Month of the period the report is due in (1 for monthly and weekly)"
    )
    due_day: int = strawberry.field(
        description="Due before this day of that month (weekly: before this weekday, 1=Monday)"
    )
    submitter_levels: list[str]
    figure_keys: list[str]
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
    period: str
    due_at: datetime
    closed_at: datetime | None
    version: int

    @classmethod
    def from_domain(cls, r: model.ReportRound) -> ReportRound:
        """The GraphQL view of a round."""
        return cls(period=r.period, due_at=r.due_at, closed_at=r.closed_at, version=r.version)


@strawberry.type(description="A unit's report for one round")
class ReportSubmission:
    id: strawberry.ID
    text: str
    figures: list[Figure]
    submitted_at: datetime
    late: bool = strawberry.field(description="Sent after the round's due time")
    version: int
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
    expected: int
    submitted: int
    late: int
    totals: list[Figure]
    unit_id: strawberry.Private[int]

    @strawberry.field(description="The child unit (or the unit itself for its own report)")
    async def unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.unit_id)


@strawberry.type(description="A round over a unit's subtree: submissions, missing units, sums")
class ReportAggregate:
    report_type: ReportType
    period: str
    due_at: datetime
    closed_at: datetime | None
    expected_count: int = strawberry.field(description="Units of the subtree that submit")
    submitted_count: int
    late_count: int
    missing: list[OrgUnit] = strawberry.field(description="Units that have not submitted")
    submissions: list[ReportSubmission]
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
        self, info: Info, report_type_id: strawberry.ID, period: str, unit_id: strawberry.ID
    ) -> ReportAggregate:
        found = await run.report_aggregate(
            ctx_of(info),
            decode_id(report_type_id, "ReportType", "reportTypeId"),
            period,
            decode_id(unit_id, "OrgUnit", "unitId"),
        )
        return ReportAggregate.from_domain(found)
