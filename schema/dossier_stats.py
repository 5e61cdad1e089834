"""Dossier statistics (002 Art. 17-18 and national one-stop reporting): received, done early,
on time or late, open within deadline or overdue, online share and satisfaction per criterion,
per receiving agency and procedure, over a unit's subtree."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.dossiers.model import SurveyCriterion
from domain.stats.dossier_figures import DossierFigures as Figures
from resolvers.stats import dossiers as queries
from schema.catalog import Procedure
from schema.common import ctx_of, decode_id
from schema.dossier_parts import unit_field
from schema.org import OrgUnit


@strawberry.type(description="One criterion of the Art. 8 survey over the period's dossiers")
class DossierCriterionFigure:
    criterion: SurveyCriterion = strawberry.field(description="The criterion")
    answers: int = strawberry.field(description="Surveys that scored it")
    average: float | None = strawberry.field(description="The mean score, 1 to 5")
    satisfied_rate: float | None = strawberry.field(description="Share of scores 4 and 5")


@strawberry.type(description="How the dossiers received in a period stand")
class DossierFigures:
    domain: strawberry.Private[Figures]

    @strawberry.field(description='The period ("2026-11", "2026-W47", "2026-Q4", "2026")')
    def period(self) -> str:
        return self.domain.period.name

    @strawberry.field(description="Dossiers received (accepted by the desk) in the period")
    def received(self) -> int:
        return self.domain.received

    @strawberry.field(description="Of them, submitted online")
    def received_online(self) -> int:
        return self.domain.online

    @strawberry.field(description="Received online / received")
    def online_share(self) -> float | None:
        return self.domain.online_share

    @strawberry.field(description="Done on a day before the due date")
    def done_early(self) -> int:
        return self.domain.done_early

    @strawberry.field(description="Done on the due date, by the due time")
    def done_on_time(self) -> int:
        return self.domain.done_on_time

    @strawberry.field(description="Done after the due time")
    def done_late(self) -> int:
        return self.domain.done_late

    @strawberry.field(description="Not done yet, within the deadline now")
    def open_within_deadline(self) -> int:
        return self.domain.open_within_deadline

    @strawberry.field(description="Not done yet, past the deadline now")
    def open_overdue(self) -> int:
        return self.domain.open_overdue

    @strawberry.field(description="Withdrawn by their applicants after reception")
    def withdrawn(self) -> int:
        return self.domain.withdrawn

    @strawberry.field(description="Asked at least once to supplement")
    def supplemented(self) -> int:
        return self.domain.supplemented

    @strawberry.field(description="(Early + on time) / (early + on time + late + open overdue)")
    def on_time_rate(self) -> float | None:
        return self.domain.on_time_rate

    @strawberry.field(description="Surveys answered")
    def surveyed(self) -> int:
        return self.domain.surveyed

    @strawberry.field(description="Satisfaction per criterion of Art. 8")
    def satisfaction(self) -> list[DossierCriterionFigure]:
        return [
            DossierCriterionFigure(
                criterion=f.criterion,
                answers=f.answers,
                average=f.average,
                satisfied_rate=f.satisfied_rate,
            )
            for f in self.domain.satisfaction
        ]


@strawberry.type(description="A receiving agency's figures")
class DossierAgencyFigures:
    agency_id: strawberry.Private[int]
    figures: DossierFigures = strawberry.field(description="Its figures")

    @strawberry.field(description="The agency")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_field(info, self.agency_id)


@strawberry.type(description="A procedure's figures")
class DossierProcedureFigures:
    procedure_id: strawberry.Private[int]
    figures: DossierFigures = strawberry.field(description="Its figures")

    @strawberry.field(description="The procedure")
    async def procedure(self, info: Info) -> Procedure | None:
        found = await ctx_of(info).catalog_loaders.procedure_by_id.load(self.procedure_id)
        return Procedure.from_domain(found) if found else None


@strawberry.type(description="A period's dossier figures over a subtree, in total and broken down")
class DossierStats:
    total: DossierFigures = strawberry.field(description="The whole subtree")
    by_agency: list[DossierAgencyFigures] = strawberry.field(
        description="Per receiving agency, by id"
    )
    by_procedure: list[DossierProcedureFigures] = strawberry.field(
        description="Per procedure, by id"
    )


@strawberry.type
class DossierStatsQueries:
    @strawberry.field(
        description="Dossier figures of a unit's subtree for a period (integrator keys, "
        "overseers and admins whose scope covers the unit): kept on write by reception week "
        "and month; no personal data"
    )
    async def dossier_stats(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit (OrgUnit)")],
        period: Annotated[
            str,
            strawberry.argument(description='"2026-W47", "2026-11", "2026-Q4" or "2026"'),
        ],
        procedure_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Only these procedures"),
        ] = None,
    ) -> DossierStats:
        found = await queries.dossier_stats(
            ctx_of(info),
            decode_id(unit_id, "OrgUnit", "unitId"),
            period,
            [decode_id(p, "Procedure", "procedureIds") for p in procedure_ids or ()],
        )
        return DossierStats(
            total=DossierFigures(domain=found.total),
            by_agency=[
                DossierAgencyFigures(agency_id=a, figures=DossierFigures(domain=f))
                for a, f in sorted(found.by_agency.items())
            ],
            by_procedure=[
                DossierProcedureFigures(procedure_id=p, figures=DossierFigures(domain=f))
                for p, f in sorted(found.by_procedure.items())
            ],
        )
