"""Types of the procedure catalog (002 Art. 5, 7): Procedure (a federation entity), its
versions, dossier components and chain of agencies. Public: anyone reads them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeAlias

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.applicants.model import ApplicantKind
from domain.catalog import model
from resolvers.pagination import Page
from schema.common import PageInfo, ctx_of, decode_id
from schema.descriptions import CURSOR, describe_enum
from schema.org import OrgUnit

describe_enum(
    model.ServiceMethod,
    name="ServiceMethod",
    description="How a dossier may be submitted (cách thức thực hiện)",
    values={
        model.ServiceMethod.AT_DESK: "At the agency's reception desk (one-stop desk)",
        model.ServiceMethod.POST: "By post",
        model.ServiceMethod.ONLINE: "Online, on the public-service portal",
    },
)
ServiceMethodType: TypeAlias = model.ServiceMethod
describe_enum(
    ApplicantKind,
    name="ApplicantKind",
    description="Who holds a public-service account, or may use a procedure",
    values={
        ApplicantKind.CITIZEN: "A citizen (công dân)",
        ApplicantKind.ORGANISATION: "An organisation (tổ chức)",
        ApplicantKind.BUSINESS: "A business (doanh nghiệp)",
    },
)
ApplicantKindType: TypeAlias = ApplicantKind


async def _unit(info: Info, unit_id: int) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id)
    return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A document of the dossier (thành phần hồ sơ) and its form")
class ProcedureComponent:
    domain: strawberry.Private[model.ProcedureComponent]

    @strawberry.field(description="The component's id: a dossier's uploaded file names it")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(relay.GlobalID("ProcedureComponent", str(self.domain.id))))

    @strawberry.field(description="Order in the dossier, from 1")
    def position(self) -> int:
        return self.domain.position

    @strawberry.field(description="What the document is")
    def name(self) -> str:
        return self.domain.name

    @strawberry.field(description="True when the dossier cannot be submitted without it")
    def required(self) -> bool:
        return self.domain.required

    @strawberry.field(description="Number of copies")
    def copies(self) -> int:
        return self.domain.copies

    @strawberry.field(description="The form to fill in (mẫu đơn, tờ khai), if any")
    def form(self) -> str | None:
        return self.domain.form

    @strawberry.field(description="Where the form can be downloaded")
    def form_url(self) -> str | None:
        return self.domain.form_url


@strawberry.type(
    description="An agency of the chain a joined procedure passes through (liên thông)"
)
class ProcedureChainLink:
    domain: strawberry.Private[model.ProcedureAgency]

    @strawberry.field(description="Order in the chain: 1 is the handling agency")
    def position(self) -> int:
        return self.domain.position

    @strawberry.field(description="What this agency does in the chain")
    def task(self) -> str | None:
        return self.domain.task

    @strawberry.field(description="The agency")
    async def agency(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.unit_id)


@strawberry.type(
    name="ProcedureVersion",
    description="One version of a procedure as published (Art. 7.2), never changed once "
    "recorded: a dossier keeps the version it was submitted under. `late`: recorded more "
    "than 7 days after its issuing document (Art. 5.1).",
)
class ProcedureVersion(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.ProcedureVersion]

    @classmethod
    def from_domain(cls, version: model.ProcedureVersion) -> ProcedureVersion:
        """Build from the domain version."""
        return cls(id=version.id, domain=version)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # public: absent ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ProcedureVersion | None]:
        loader = ctx_of(info).catalog_loaders.version_by_id
        found = await loader.load_many([int(i) for i in node_ids])
        return [cls.from_domain(v) if v else None for v in found]

    @strawberry.field(description="1 for the first version, then 2, 3...")
    def number(self) -> int:
        return self.domain.number

    @strawberry.field(description="Name of the procedure (tên thủ tục)")
    def name(self) -> str:
        return self.domain.name

    @strawberry.field(description="Field of administration (lĩnh vực)")
    def field(self) -> str:
        return self.domain.field

    @strawberry.field(description="Online service level, 1 to 4 (Decree 43/2011)")
    def service_level(self) -> int:
        return self.domain.service_level

    @strawberry.field(description="Processing time in working days (thời hạn giải quyết)")
    def processing_days(self) -> int:
        return self.domain.processing_days

    @strawberry.field(description="The steps of the procedure, in order (trình tự thực hiện)")
    def steps(self) -> list[str]:
        return list(self.domain.steps)

    @strawberry.field(description="How a dossier may be submitted (cách thức thực hiện)")
    def methods(self) -> list[ServiceMethodType]:
        return list(self.domain.methods)

    @strawberry.field(description="Who may use it (đối tượng thực hiện)")
    def target_subjects(self) -> list[ApplicantKindType]:
        return list(self.domain.target_subjects)

    @strawberry.field(description="What the applicant receives (kết quả thực hiện)")
    def result(self) -> str:
        return self.domain.result

    @strawberry.field(description="Fees and charges as published (phí, lệ phí)")
    def fees(self) -> str | None:
        return self.domain.fees

    @strawberry.field(description="The amount to pay online, in VND (null: free)")
    def fee_amount(self) -> int | None:
        return self.domain.fee_amount

    @strawberry.field(description="Requirements and conditions (yêu cầu, điều kiện)")
    def requirements(self) -> str | None:
        return self.domain.requirements

    @strawberry.field(description="The legal documents behind the procedure (căn cứ pháp lý)")
    def legal_basis(self) -> list[str]:
        return list(self.domain.legal_basis)

    @strawberry.field(description="Where it is done (địa điểm thực hiện)")
    def place(self) -> str:
        return self.domain.place

    @strawberry.field(description="When it is done (thời gian thực hiện)")
    def hours(self) -> str:
        return self.domain.hours

    @strawberry.field(description="The document that issued or changed the procedure")
    def issuing_document(self) -> str:
        return self.domain.issuing_document

    @strawberry.field(description="The issuing document's date")
    def issued_on(self) -> date:
        return self.domain.issued_on

    @strawberry.field(description="When this version was recorded in the catalog")
    def recorded_at(self) -> datetime:
        return self.domain.recorded_at

    @strawberry.field(description="Last day to record it: 7 days after the issuing document")
    def update_due_on(self) -> date:
        return self.domain.update_due_on

    @strawberry.field(description="Recorded after updateDueOn (Art. 5.1)")
    def late(self) -> bool:
        return self.domain.late

    @strawberry.field(description="The handling agency (cơ quan thực hiện)")
    async def agency(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.agency_unit_id)

    @strawberry.field(description="The documents of the dossier, in order (thành phần hồ sơ)")
    async def components(self, info: Info) -> list[ProcedureComponent]:
        loader = ctx_of(info).catalog_loaders.components_by_version_id
        return [ProcedureComponent(domain=c) for c in await loader.load(self.domain.id)]

    @strawberry.field(
        description="The agencies the dossier passes through, the handling agency first; "
        "more than one for a joined procedure (liên thông)"
    )
    async def chain(self, info: Info) -> list[ProcedureChainLink]:
        loader = ctx_of(info).catalog_loaders.chain_by_version_id
        return [ProcedureChainLink(domain=a) for a in await loader.load(self.domain.id)]

    @strawberry.field(description="True for a joined procedure (more than one agency)")
    async def joined(self, info: Info) -> bool:
        loader = ctx_of(info).catalog_loaders.chain_by_version_id
        return len(await loader.load(self.domain.id)) > 1


@strawberry.federation.type(
    keys=["id"],
    name="Procedure",
    description="An administrative procedure of the public catalog (002 Art. 7), by its "
    "code. `current` is the version in force; `versions` every version, newest first. "
    "Public: anyone reads it.",
)
class Procedure(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Procedure]

    @classmethod
    def from_domain(cls, procedure: model.Procedure) -> Procedure:
        """Build from the domain procedure."""
        return cls(id=procedure.id, domain=procedure)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # public: absent ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Procedure | None]:
        loader = ctx_of(info).catalog_loaders.procedure_by_id
        found = await loader.load_many([int(i) for i in node_ids])
        return [cls.from_domain(p) if p else None for p in found]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Procedure | None:
        found = await ctx_of(info).catalog_loaders.procedure_by_id.load(decode_id(id, "Procedure"))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The catalog code, unique (mã thủ tục)")
    def code(self) -> str:
        return self.domain.code

    @strawberry.field(description="Name of the current version")
    def name(self) -> str:
        return self.domain.name

    @strawberry.field(description="Field of the current version (lĩnh vực)")
    def field(self) -> str:
        return self.domain.field

    @strawberry.field(description="Pass it back when recording a new version; stale is refused")
    def version(self) -> int:
        return self.domain.version

    @strawberry.field(description="When the procedure was first published")
    def created_at(self) -> datetime:
        return self.domain.created_at

    @strawberry.field(description="When its current version was recorded")
    def updated_at(self) -> datetime:
        return self.domain.updated_at

    @strawberry.field(description="The handling agency of the current version")
    async def agency(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.agency_unit_id)

    @strawberry.field(description="The version in force")
    async def current(self, info: Info) -> ProcedureVersion | None:
        found = await ctx_of(info).catalog_loaders.current_version(self.domain)
        return ProcedureVersion.from_domain(found) if found else None

    @strawberry.field(description="Every version, newest first")
    async def versions(self, info: Info) -> list[ProcedureVersion]:
        loader = ctx_of(info).catalog_loaders.versions_by_procedure_id
        return [ProcedureVersion.from_domain(v) for v in await loader.load(self.domain.id)]


@strawberry.type(description="A procedure in a page of the catalog")
class ProcedureEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Procedure = strawberry.field(description="The procedure")


@strawberry.type(description="A page of the catalog, by code")
class ProcedureConnection:
    edges: list[ProcedureEdge] = strawberry.field(description="The procedures of this page")
    page_info: PageInfo = strawberry.field(description="Where the page is in the list")
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Procedure]) -> ProcedureConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                ProcedureEdge(cursor=c, node=Procedure.from_domain(p))
                for p, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description="Procedures in the whole list (one COUNT query)")
    async def total_count(self) -> int:
        return await self.page.count()
