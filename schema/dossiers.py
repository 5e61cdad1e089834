"""The Dossier (a federation entity) and the public view of one by its tracking code.

A Dossier object is only ever made for a caller the row rule lets see it (its applicant, the
staff of its procedure's chain of agencies): lists filter in SQL, `dossier`, `node` and
`_entities` check each id, and a hidden dossier is null, as if it did not exist."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.dossiers import deadlines
from domain.dossiers import model as m
from domain.dossiers.reading import ApplicantContact
from domain.dossiers.workflow import PROCESSING_STATES
from resolvers.pagination import Page
from schema.catalog import Procedure, ProcedureVersion
from schema.common import PageInfo, ctx_of, decode_id, encode_id, from_loader, selected_names
from schema.descriptions import CURSOR
from schema.dossier_parts import (
    DeliveryMethodType,
    DossierApology,
    DossierApplicant,
    DossierChannelType,
    DossierFile,
    DossierOverdueNotice,
    DossierStateType,
    DossierStep,
    DossierSupplement,
    DossierSurvey,
    GuidanceStageType,
    PaymentMethodType,
    PublicDossierStep,
    ResultKindType,
    StatusClassType,
    media_url,
    unit_field,
)
from schema.org import OrgUnit
from schema.people import Person


def status_of(dossier: m.Dossier, now: datetime) -> m.StatusClass | None:
    """The national reporting class (None before reception or once withdrawn)."""
    if dossier.finish_class is not None:
        return dossier.finish_class
    if dossier.state not in PROCESSING_STATES:
        return None
    overdue = deadlines.is_overdue(dossier, now)
    return m.StatusClass.OPEN_OVERDUE if overdue else m.StatusClass.OPEN_WITHIN_DEADLINE


def _procedure(info: Info, procedure_id: int) -> Procedure | None:
    """The procedure, at once when the page primed it (else awaited: graphql-core awaits)."""
    loader = ctx_of(info).catalog_loaders.procedure_by_id
    return from_loader(loader, procedure_id, lambda p: Procedure.from_domain(p) if p else None)


def _applicant(found: ApplicantContact | None) -> DossierApplicant | None:
    if found is None:
        return None
    return DossierApplicant(
        full_name=found.full_name,
        kind=found.kind,
        address=found.address,
        email=found.email,
        phone=found.phone,
    )


async def prime(info: Info, dossiers: list[m.Dossier]) -> None:
    """Load what a page's selection asks of its dossiers in one batch each, before the page
    is built, so the nested fields resolve without a coroutine per node."""
    names, ctx = selected_names(info), ctx_of(info)
    if "procedure" in names:
        await ctx.catalog_loaders.procedure_by_id.load_many(
            sorted({d.procedure_id for d in dossiers})
        )
    if "applicant" in names:
        await ctx.dossier_loaders.applicant_by_account_id.load_many(
            sorted({d.applicant_account_id for d in dossiers})
        )


async def _version(info: Info, version_id: int) -> ProcedureVersion | None:
    found = await ctx_of(info).catalog_loaders.version_by_id.load(version_id)
    return ProcedureVersion.from_domain(found) if found else None


@strawberry.federation.type(
    keys=["id"],
    name="Dossier",
    description="An application for a public service (002 Art. 11-13), submitted under one "
    "version of its procedure. Seen by its applicant and by the staff of the agencies of the "
    "procedure's chain; anyone else gets null. `version`: pass it back with each step.",
)
class Dossier(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[m.Dossier]

    @classmethod
    def from_domain(cls, dossier: m.Dossier) -> Dossier:
        """Build from a dossier the caller may see (callers apply the row rule)."""
        return cls(id=dossier.id, domain=dossier)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # hidden ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Dossier | None]:
        loaders = ctx_of(info).dossier_loaders
        found = [await loaders.visible(int(i)) for i in node_ids]
        return [cls.from_domain(d) if d else None for d in found]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Dossier | None:
        found = await ctx_of(info).dossier_loaders.visible(decode_id(id, "Dossier"))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The public tracking code (mã hồ sơ)")
    def tracking_code(self) -> str:
        return self.domain.tracking_code

    @strawberry.field(description="Where it stands")
    def state(self) -> DossierStateType:
        return self.domain.state

    @strawberry.field(description="The national reporting class now; null before reception")
    def status_class(self, info: Info) -> StatusClassType | None:
        return status_of(self.domain, ctx_of(info).now())

    @strawberry.field(description="Past its running limit now (reception, then processing)")
    def overdue(self, info: Info) -> bool:
        return deadlines.is_overdue(self.domain, ctx_of(info).now())

    @strawberry.field(description="The procedure")
    def procedure(self, info: Info) -> Procedure | None:
        return _procedure(info, self.domain.procedure_id)

    @strawberry.field(description="The version of the procedure it was submitted under")
    async def procedure_version(self, info: Info) -> ProcedureVersion | None:
        return await _version(info, self.domain.procedure_version_id)

    @strawberry.field(description="The receiving agency: its desk receives and returns")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_field(info, self.domain.agency_unit_id)

    @strawberry.field(description="The agency holding it now (joined procedures pass it on)")
    def holder(self, info: Info) -> OrgUnit | None:
        return unit_field(info, self.domain.holder_unit_id)

    @strawberry.field(description="The specialist it is assigned to (staff of the agencies only)")
    async def specialist(self, info: Info) -> Person | None:
        person_id = self.domain.holder_person_id
        ctx = ctx_of(info)
        if person_id is None or not await ctx.dossier_loaders.is_staff_on(self.domain):
            return None
        found = await ctx.loaders.person_by_id.load(person_id)
        return Person.from_domain(found) if found else None

    @strawberry.field(description="The applicant (the applicant and the agencies handling it)")
    def applicant(self, info: Info) -> DossierApplicant | None:
        loader = ctx_of(info).dossier_loaders.applicant_by_account_id
        return from_loader(loader, self.domain.applicant_account_id, _applicant)

    @strawberry.field(description="Online, or on paper at the desk")
    def channel(self) -> DossierChannelType:
        return self.domain.channel

    @strawberry.field(description="How fees are paid")
    def payment(self) -> PaymentMethodType:
        return self.domain.payment

    @strawberry.field(description="How the result is received")
    def delivery(self) -> DeliveryMethodType:
        return self.domain.delivery

    @strawberry.field(description="Where the result is posted (by post only)")
    def delivery_address(self) -> str | None:
        return self.domain.delivery_address

    @strawberry.field(description="When it was submitted")
    def submitted_at(self) -> datetime:
        return self.domain.submitted_at

    @strawberry.field(description="When the desk must have received or refused it (Art. 12.1a)")
    def reception_due(self) -> datetime:
        return self.domain.reception_due

    @strawberry.field(description="When the desk received it")
    def received_at(self) -> datetime | None:
        return self.domain.received_at

    @strawberry.field(description="The procedure's working days, from reception")
    def processing_days(self) -> int:
        return self.domain.processing_days

    @strawberry.field(description="When the result is due (moved on by stopped clocks)")
    def processing_due(self) -> datetime | None:
        return self.domain.processing_due

    @strawberry.field(description="The limit running now (the queues' order); null when none")
    def due_at(self) -> datetime | None:
        return self.domain.due_at

    @strawberry.field(description="Since when the clock is stopped (a supplement is awaited)")
    def paused_at(self) -> datetime | None:
        return self.domain.paused_at

    @strawberry.field(description="Working minutes the clock stood, all supplements together")
    def paused_minutes(self) -> int:
        return self.domain.paused_minutes

    @strawberry.field(description="The new date an overdue notice gave the applicant")
    def promised_at(self) -> datetime | None:
        return self.domain.promised_at

    @strawberry.field(description="Times the desk refused it as incomplete")
    def refusals(self) -> int:
        return self.domain.refusals

    @strawberry.field(description="Times a specialist asked for a supplement")
    def supplement_requests(self) -> int:
        return self.domain.supplement_requests

    @strawberry.field(description="An apology is owed by this side before it goes on")
    def apology_pending(self) -> GuidanceStageType | None:
        return self.domain.apology_pending

    @strawberry.field(description="Granted or denied (from the draft on)")
    def result_kind(self) -> ResultKindType | None:
        return self.domain.result_kind

    @strawberry.field(description="The result's number in the agency's register")
    def result_number(self) -> str | None:
        return self.domain.result_number

    @strawberry.field(description="The signed electronic result, when one was attached")
    def result_url(self, info: Info) -> str | None:
        return media_url(info, self.domain.result_upload_key)

    @strawberry.field(description="When the result was registered (done)")
    def finished_at(self) -> datetime | None:
        return self.domain.finished_at

    @strawberry.field(description="When the result was handed over or posted")
    def delivered_at(self) -> datetime | None:
        return self.domain.delivered_at

    @strawberry.field(description="The applicant answered the survey")
    def rated(self) -> bool:
        return self.domain.rated

    @strawberry.field(description="Pass it back with each step; a stale one is refused")
    def version(self) -> int:
        return self.domain.version

    @strawberry.field(description="Its files, by component")
    async def files(self, info: Info) -> list[DossierFile]:
        loader = ctx_of(info).dossier_loaders.components_by_dossier_id
        return [DossierFile(domain=c) for c in await loader.load(self.domain.id)]

    @strawberry.field(description="The log of its steps, oldest first (Art. 12.4)")
    async def steps(self, info: Info) -> list[DossierStep]:
        loaders = ctx_of(info).dossier_loaders
        staff = await loaders.is_staff_on(self.domain)
        return [
            DossierStep(domain=s, staff=staff)
            for s in await loaders.steps_by_dossier_id.load(self.domain.id)
        ]

    @strawberry.field(description="Requests to complete or supplement it, oldest first")
    async def supplements(self, info: Info) -> list[DossierSupplement]:
        loader = ctx_of(info).dossier_loaders.supplements_by_dossier_id
        return [
            DossierSupplement(
                stage=s.stage,
                round=s.round,
                guidance=s.guidance,
                requested_at=s.requested_at,
                missing_component_ids=[
                    encode_id("ProcedureComponent", c) for c in s.missing_components
                ],
                staff_at_fault=s.staff_at_fault,
                answered_at=s.answered_at,
            )
            for s in await loader.load(self.domain.id)
        ]

    @strawberry.field(description="Apology letters sent to the applicant")
    async def apologies(self, info: Info) -> list[DossierApology]:
        loader = ctx_of(info).dossier_loaders.apologies_by_dossier_id
        return [
            DossierApology(
                document_path=f"/dossiers/apologies/{a.id}.pdf",
                stage=a.stage,
                issued_at=a.issued_at,
                text=a.text,
            )
            for a in await loader.load(self.domain.id)
        ]

    @strawberry.field(description="Explanations of its lateness, with the new dates")
    async def overdue_notices(self, info: Info) -> list[DossierOverdueNotice]:
        loader = ctx_of(info).dossier_loaders.notices_by_dossier_id
        return [
            DossierOverdueNotice(issued_at=n.issued_at, reason=n.reason, new_due=n.new_due)
            for n in await loader.load(self.domain.id)
        ]

    @strawberry.field(description="The applicant's survey, once answered")
    async def survey(self, info: Info) -> DossierSurvey | None:
        found = await ctx_of(info).dossier_loaders.survey_by_dossier_id.load(self.domain.id)
        if found is None:
            return None
        return DossierSurvey(
            submitted_at=found.submitted_at,
            guidance_clarity=found.guidance_clarity,
            form_accuracy=found.form_accuracy,
            convenience=found.convenience,
            processing_ability=found.processing_ability,
            processing_time=found.processing_time,
            staff_attitude=found.staff_attitude,
            online_result=found.online_result,
            online_payment=found.online_payment,
            comment=found.comment,
        )


@strawberry.type(
    description="What anyone holding a tracking code sees: the status and the steps, never "
    "the applicant, the files, the notes or who acted"
)
class PublicDossier:
    domain: strawberry.Private[m.Dossier]

    @strawberry.field(description="The tracking code")
    def tracking_code(self) -> str:
        return self.domain.tracking_code

    @strawberry.field(description="Where it stands")
    def state(self) -> DossierStateType:
        return self.domain.state

    @strawberry.field(description="The procedure")
    def procedure(self, info: Info) -> Procedure | None:
        return _procedure(info, self.domain.procedure_id)

    @strawberry.field(description="The receiving agency")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_field(info, self.domain.agency_unit_id)

    @strawberry.field(description="When it was submitted")
    def submitted_at(self) -> datetime:
        return self.domain.submitted_at

    @strawberry.field(description="When it was received")
    def received_at(self) -> datetime | None:
        return self.domain.received_at

    @strawberry.field(description="When the result is due (the new date, when it was late)")
    def result_due(self) -> datetime | None:
        return self.domain.promised_at or self.domain.processing_due

    @strawberry.field(description="When the result was ready")
    def finished_at(self) -> datetime | None:
        return self.domain.finished_at

    @strawberry.field(description="The steps, oldest first: what, when, where")
    async def steps(self, info: Info) -> list[PublicDossierStep]:
        loader = ctx_of(info).dossier_loaders.steps_by_dossier_id
        return [PublicDossierStep(domain=s) for s in await loader.load(self.domain.id)]


@strawberry.type(description="A dossier in a page")
class DossierEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Dossier = strawberry.field(description="The dossier")


@strawberry.type(description="A page of dossiers")
class DossierConnection:
    edges: list[DossierEdge] = strawberry.field(description="The dossiers of this page")
    page_info: PageInfo = strawberry.field(description="Where the page is in the list")
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[m.Dossier]) -> DossierConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                DossierEdge(cursor=c, node=Dossier.from_domain(d))
                for d, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description="Dossiers in the whole list (one COUNT query, in scope)")
    async def total_count(self) -> int:
        return await self.page.count()
