"""Use cases of the procedure catalog: publish a procedure, record a new version of it."""

from __future__ import annotations

from domain import permissions
from domain.catalog import validation
from domain.catalog.commands import CatalogEntry, CreateProcedure, ProcedureInput, UpdateProcedure
from domain.catalog.model import (
    Procedure,
    ProcedureAgency,
    ProcedureComponent,
    ProcedureVersion,
    update_due,
)
from domain.catalog.ports import CatalogUnitOfWork
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.org.model import OrgUnit
from domain.org.services import load_active
from domain.text import clean_code, clean_optional, fold


async def _agency(uow: CatalogUnitOfWork, caller: Caller, unit_id: int) -> OrgUnit:
    unit = await load_active(uow, unit_id, field="agencyUnitId")
    if not permissions.can_edit_procedures(caller.actor, unit.path):
        raise Forbidden("You may not edit the procedures of this agency")
    return unit


async def _chain(uow: CatalogUnitOfWork, draft: ProcedureInput) -> list[ProcedureAgency]:
    """The chain of agencies: the handling agency first, then each link once."""
    links = [ProcedureAgency(0, 1, draft.agency_unit_id)]
    for link in draft.chain:
        unit = await load_active(uow, link.unit_id, field="chain.unitId")
        if any(existing.unit_id == unit.id for existing in links):
            raise DomainError(
                ErrorCode.INVALID_INPUT, "An agency appears twice in the chain", "chain.unitId"
            )
        task = clean_optional(link.task, field="chain.task", max_length=500)
        links.append(ProcedureAgency(0, len(links) + 1, unit.id, task))
    return links


async def _record(
    uow: CatalogUnitOfWork, caller: Caller, procedure: Procedure, draft: ProcedureInput
) -> CatalogEntry:
    """Record `draft` as the procedure's next version and make it current."""
    chain = await _chain(uow, draft)
    today = caller.calendar.local_date(caller.now)
    due = update_due(draft.issued_on)
    version = ProcedureVersion(
        procedure_id=procedure.id,
        number=procedure.current_number,
        name=draft.name,
        agency_unit_id=draft.agency_unit_id,
        field=draft.field,
        service_level=draft.service_level,
        processing_days=draft.processing_days,
        steps=draft.steps,
        methods=draft.methods,
        target_subjects=draft.target_subjects,
        result=draft.result,
        legal_basis=draft.legal_basis,
        place=draft.place,
        hours=draft.hours,
        issuing_document=draft.issuing_document,
        issued_on=draft.issued_on,
        recorded_at=caller.now,
        update_due_on=due,
        late=today > due,
        fees=draft.fees,
        fee_amount=draft.fee_amount,
        requirements=draft.requirements,
        recorded_by=caller.actor.account_id,
    )
    components = [
        ProcedureComponent(0, i, c.name, c.required, c.copies, c.form, c.form_url)
        for i, c in enumerate(draft.components, start=1)
    ]
    details = await uow.catalog.add_version(version, components, chain)
    return CatalogEntry(procedure, details)


def _listing(procedure: Procedure, draft: ProcedureInput) -> None:
    """Copy the current version's listing data onto the procedure."""
    procedure.name = draft.name
    procedure.search_text = fold(f"{procedure.code} {draft.name}")
    procedure.agency_unit_id = draft.agency_unit_id
    procedure.field = draft.field
    procedure.field_key = fold(draft.field)


@handles(CreateProcedure)
async def create_procedure(
    uow: CatalogUnitOfWork, caller: Caller, command: CreateProcedure
) -> CatalogEntry:
    """Publish a procedure with its version 1 (code unique: DUPLICATE_CODE)."""
    await _agency(uow, caller, command.input.agency_unit_id)
    draft = validation.check(command.input, caller.calendar.local_date(caller.now))
    code = clean_code(command.code)
    if await uow.catalog.get_by_code(code) is not None:
        raise DomainError(ErrorCode.DUPLICATE_CODE, f"Procedure {code} exists already", "code")
    # name, search text, agency, field and its key: copied from the version by _listing
    procedure = Procedure(code, "", "", draft.agency_unit_id, "", "", 1, caller.now, caller.now)
    _listing(procedure, draft)
    await uow.catalog.add(procedure)
    return await _record(uow, caller, procedure, draft)


@handles(UpdateProcedure)
async def update_procedure(
    uow: CatalogUnitOfWork, caller: Caller, command: UpdateProcedure
) -> CatalogEntry:
    """Record a new version: the old ones stay as they were (dossiers keep theirs). Moving
    the procedure to another agency needs the right on both."""
    procedure = await uow.catalog.get(command.procedure_id)
    if procedure is None:
        raise NotFound("Procedure", "id")
    current = await uow.units.get(procedure.agency_unit_id)  # may have closed since
    if current is None or not permissions.can_edit_procedures(caller.actor, current.path):
        raise Forbidden("You may not edit the procedures of this agency")
    if command.version is not None and command.version != procedure.version:
        raise StaleVersion(f"Procedure {procedure.code}")
    if command.input.agency_unit_id != procedure.agency_unit_id:
        await _agency(uow, caller, command.input.agency_unit_id)
    draft = validation.check(command.input, caller.calendar.local_date(caller.now))
    procedure.current_number += 1
    procedure.updated_at = caller.now
    _listing(procedure, draft)
    return await _record(uow, caller, procedure, draft)
