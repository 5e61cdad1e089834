"""Mutations of the procedure catalog: publish a procedure, record a new version (the
agency's directory editors and admins in scope)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.catalog.commands import (
    CatalogEntry,
    ChainLink,
    ComponentInput,
    CreateProcedure,
    UpdateProcedure,
)
from domain.catalog.commands import ProcedureInput as Draft
from domain.errors import DomainError
from schema.catalog import ApplicantKindType, Procedure, ProcedureVersion, ServiceMethodType
from schema.common import UserError, decode_id, dispatch, errors_of


@strawberry.input(description="A document of the dossier")
class ProcedureComponentInput:
    name: str = strawberry.field(description="What the document is")
    required: bool = strawberry.field(default=True, description="Needed to submit")
    copies: int = strawberry.field(default=1, description="Number of copies, 1-20")
    form: str | None = strawberry.field(default=None, description="The form's name, if any")
    form_url: str | None = strawberry.field(
        default=None, description="Where the form is downloaded (http or https)"
    )


@strawberry.input(description="An agency the dossier passes to after the handling agency")
class ProcedureChainLinkInput:
    unit_id: strawberry.ID = strawberry.field(description="The agency (an OrgUnit id)")
    task: str | None = strawberry.field(default=None, description="What it does in the chain")


@strawberry.input(
    description="Everything Art. 7.2 publishes about a procedure, and the document that "
    "issued or changed it (recorded within 7 days of its date, else flagged late)"
)
class ProcedureInput:
    name: str = strawberry.field(description="Name of the procedure")
    agency_unit_id: strawberry.ID = strawberry.field(description="The handling agency")
    field: str = strawberry.field(description="Field of administration (lĩnh vực)")
    service_level: int = strawberry.field(description="Online service level, 1-4")
    processing_days: int = strawberry.field(description="Processing time, 1-365 working days")
    steps: list[str] = strawberry.field(description="The steps, in order (1-30)")
    methods: list[ServiceMethodType] = strawberry.field(description="How to submit")
    target_subjects: list[ApplicantKindType] = strawberry.field(description="Who may use it")
    result: str = strawberry.field(description="What the applicant receives")
    legal_basis: list[str] = strawberry.field(description="The legal documents (1-30)")
    place: str = strawberry.field(description="Where it is done")
    hours: str = strawberry.field(description="When it is done")
    issuing_document: str = strawberry.field(
        description='The document that issued or changed it, e.g. "Quyết định 1234/QĐ-UBND"'
    )
    issued_on: date = strawberry.field(description="The document's date (not in the future)")
    components: list[ProcedureComponentInput] = strawberry.field(
        description="The documents of the dossier (1-50)"
    )
    chain: list[ProcedureChainLinkInput] = strawberry.field(
        default_factory=list,
        description="Agencies after the handling one, in order (joined procedures, up to 10)",
    )
    fees: str | None = strawberry.field(default=None, description="Fees as published")
    fee_amount: int | None = strawberry.field(
        default=None, description="The amount paid online, in VND (null: free)"
    )
    requirements: str | None = strawberry.field(
        default=None, description="Requirements and conditions"
    )

    def to_domain(self) -> Draft:
        """The domain's input; a malformed id is a typed refusal."""
        return Draft(
            name=self.name,
            agency_unit_id=decode_id(self.agency_unit_id, "OrgUnit", "agencyUnitId"),
            field=self.field,
            service_level=self.service_level,
            processing_days=self.processing_days,
            steps=tuple(self.steps),
            methods=tuple(self.methods),
            target_subjects=tuple(self.target_subjects),
            result=self.result,
            legal_basis=tuple(self.legal_basis),
            place=self.place,
            hours=self.hours,
            issuing_document=self.issuing_document,
            issued_on=self.issued_on,
            components=tuple(
                ComponentInput(c.name, c.required, c.copies, c.form, c.form_url)
                for c in self.components
            ),
            chain=tuple(
                ChainLink(decode_id(link.unit_id, "OrgUnit", "chain.unitId"), link.task)
                for link in self.chain
            ),
            fees=self.fees,
            fee_amount=self.fee_amount,
            requirements=self.requirements,
        )


@strawberry.type(description="The procedure after the change, or why not")
class ProcedurePayload:
    procedure: Procedure | None = strawberry.field(description="The procedure")
    version: ProcedureVersion | None = strawberry.field(description="The version recorded")
    errors: list[UserError] = strawberry.field(description="Why not; empty on success")

    @classmethod
    def of(cls, result: CatalogEntry | DomainError) -> ProcedurePayload:
        """The payload of a command's result."""
        if isinstance(result, DomainError):
            return cls(procedure=None, version=None, errors=errors_of(result))
        return cls(
            procedure=Procedure.from_domain(result.procedure),
            version=ProcedureVersion.from_domain(result.current.version),
            errors=[],
        )


@strawberry.type
class CatalogMutations:
    @strawberry.mutation(
        description="Publish a procedure with its version 1 (the handling agency's "
        "DIRECTORY_EDITOR, or an ADMIN over it). A taken code: DUPLICATE_CODE."
    )
    async def create_procedure(
        self,
        info: Info,
        code: Annotated[
            str,
            strawberry.argument(description="Unique code: letters, digits, dot, dash, underscore"),
        ],
        input: Annotated[ProcedureInput, strawberry.argument(description="The procedure")],
    ) -> ProcedurePayload:
        return ProcedurePayload.of(
            await dispatch(info, lambda: CreateProcedure(code, input.to_domain()))
        )

    @strawberry.mutation(
        description="Record a new version of a procedure; earlier versions stay as they were "
        "(dossiers keep theirs). Moving it to another agency needs the right on both."
    )
    async def update_procedure(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The procedure")],
        input: Annotated[ProcedureInput, strawberry.argument(description="The new version")],
        version: Annotated[
            int | None,
            strawberry.argument(description="The procedure's version you read (stale: refused)"),
        ] = None,
    ) -> ProcedurePayload:
        return ProcedurePayload.of(
            await dispatch(
                info,
                lambda: UpdateProcedure(decode_id(id, "Procedure"), version, input.to_domain()),
            )
        )
