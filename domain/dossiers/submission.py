"""Submitting a dossier: a signed-in applicant with an active account applies for the current
version of a procedure, with its components from the media store (Art. 11)."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.dossiers import deadlines, tracking
from domain.dossiers.commands import SubmitDossier
from domain.dossiers.components import check_files
from domain.dossiers.events import DossierChanged
from domain.dossiers.model import DeliveryMethod, Dossier, DossierState, DossierStep
from domain.dossiers.ports import DossierUnitOfWork, ProcedureTerms, Standing
from domain.dossiers.workflow import Action
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.notifications.dossier_messages import tell_applicant
from domain.notifications.dossier_rules import notify_dossier_step
from domain.permissions.dossiers import APPLICANT_KINDS
from domain.text import clean_text, unprintable

ADDRESS_MAX = 500
_STANDING_REFUSALS = {
    Standing.UNVERIFIED: (ErrorCode.APPLICANT_NOT_ACTIVE, "Verify your account's email or phone"),
    Standing.PENDING: (ErrorCode.APPLICANT_NOT_ACTIVE, "The account office has not approved it"),
    Standing.BLOCKED: (ErrorCode.APPLICANT_NOT_ACTIVE, "The account is suspended or cancelled"),
}


async def applicant_account(uow: DossierUnitOfWork, caller: Caller) -> int:
    """The caller's applicant account, active; else a typed refusal."""
    actor = caller.actor
    if actor.kind not in APPLICANT_KINDS or actor.account_id is None:
        raise Forbidden("Only an applicant's account submits dossiers")
    facts = await uow.dossiers.applicant(actor.account_id)
    standing = facts.standing if facts else Standing.UNVERIFIED
    if standing is not Standing.ACTIVE:
        code, message = _STANDING_REFUSALS[standing]
        raise DomainError(code, message)
    return actor.account_id


def delivery_address(delivery: DeliveryMethod, address: str | None) -> str | None:
    """By post: the address, required; at the desk: none is kept."""
    if delivery is DeliveryMethod.DESK:
        return None
    cleaned = clean_text(address or "", field="deliveryAddress", max_length=ADDRESS_MAX)
    if len(cleaned) < 10 or unprintable(cleaned):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Give the full postal address for delivery", "deliveryAddress"
        )
    return cleaned


async def open_terms(uow: DossierUnitOfWork, procedure_id: int) -> ProcedureTerms:
    """The procedure's current version, taking dossiers online."""
    terms = await uow.dossiers.terms(procedure_id)
    if terms is None or not terms.chain:
        raise DomainError(ErrorCode.UNKNOWN_PROCEDURE, "No such procedure", "procedureId")
    if not terms.online:
        raise DomainError(
            ErrorCode.UNKNOWN_PROCEDURE, "The procedure is not offered online", "procedureId"
        )
    return terms


@handles(SubmitDossier)
async def submit(uow: DossierUnitOfWork, caller: Caller, command: SubmitDossier) -> Dossier:
    """Record the dossier, its files and its first step; tell the desk and the applicant."""
    account_id = await applicant_account(uow, caller)
    terms = await open_terms(uow, command.procedure_id)
    address = delivery_address(command.delivery, command.delivery_address)
    keys = [f.upload_key for f in command.files]
    uploads = await uow.media.get_many(keys) if keys else {}
    now = caller.now
    files = check_files(terms.components, command.files, uploads, dossier_id=0, now=now, round_=0)
    agency = terms.chain[0]
    dossier = Dossier(
        procedure_id=terms.procedure_id,
        procedure_version_id=terms.version_id,
        applicant_account_id=account_id,
        agency_unit_id=agency,
        holder_unit_id=agency,
        tracking_code=tracking.new_code(),
        submitted_at=now,
        reception_due=deadlines.reception_due(caller.calendar, now),
        processing_days=terms.processing_days,
        payment=command.payment,
        delivery=command.delivery,
        delivery_address=address,
    )
    dossier.due_at = dossier.reception_due
    await uow.dossiers.add(dossier)
    if keys and await uow.media.attach_to_dossier(keys, dossier.id) != len(keys):
        raise DomainError(
            ErrorCode.MEDIA_REJECTED, "A file belongs to another record", "components"
        )
    for component in files:
        component.dossier_id = dossier.id
        await uow.dossiers.add_component(component)
    step = await uow.dossiers.add_step(
        DossierStep(
            dossier.id,
            Action.SUBMIT.value,
            None,
            DossierState.SUBMITTED,
            now,
            account_id,
            unit_id=agency,
            due_at=dossier.reception_due,
        )
    )
    uow.record(DossierChanged(dossier.id))
    units = {u.id: u for u in await uow.units.get_many([agency])}
    unit = (agency, units[agency].path if agency in units else "")
    await notify_dossier_step(
        uow.notifications,
        actor_person_id=None,
        dossier=dossier,
        procedure_name=terms.name,
        action=Action.SUBMIT.value,
        agency=unit,
        holder=unit,
        now=now,
    )
    await tell_applicant(
        uow.dossier_messages,
        dossier_id=dossier.id,
        action=Action.SUBMIT.value,
        now=now,
        step_id=step.id,
    )
    return dossier
