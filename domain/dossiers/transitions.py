"""Moving a dossier along its flow: one entry point, the tables, the effects, the log, the
notifications; and the applicant's survey."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.dossiers import deadlines, policies, steps
from domain.dossiers.commands import ActOnDossier, RateDossier
from domain.dossiers.events import DossierChanged
from domain.dossiers.model import Dossier, DossierStep
from domain.dossiers.ports import DossierUnitOfWork, ProcedureTerms
from domain.dossiers.survey import take_survey
from domain.dossiers.workflow import (
    NEEDS_NOTE,
    Action,
    check_actor,
    check_apology,
    next_state,
)
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.notifications.dossier_messages import tell_applicant
from domain.notifications.dossier_rules import notify_dossier_step
from domain.org.model import OrgUnit
from domain.permissions import DossierParties, can_view_dossier, is_applicant
from domain.text import clean_optional

DESK_STEPS = frozenset(
    {Action.SUBMIT, Action.ACCEPT, Action.REFUSE, Action.COMPLETE, Action.DELIVER}
)
"""Steps taken at (or towards) the receiving agency's desk: logged under that agency."""
NOTE_MAX = 5000


async def load(uow: DossierUnitOfWork, dossier_id: int, version: int | None) -> Dossier:
    """The dossier, checked against the version the caller read."""
    dossier = await uow.dossiers.get(dossier_id)
    if dossier is None:
        raise NotFound("Dossier", "id")
    if version is not None and version != dossier.version:
        raise StaleVersion("The dossier")
    return dossier


async def context_of(
    uow: DossierUnitOfWork, dossier: Dossier
) -> tuple[ProcedureTerms, dict[int, OrgUnit], DossierParties]:
    """The dossier's procedure version, its chain's units, and the parties the rules read."""
    terms = await uow.dossiers.terms_of_version(dossier.procedure_version_id)
    if terms is None:
        raise NotFound("Dossier", "id")
    units = {u.id: u for u in await uow.units.get_many(list(terms.chain))}
    parties = DossierParties(
        applicant_account_id=dossier.applicant_account_id,
        chain=tuple((u, units[u].path) for u in terms.chain if u in units),
        holder_unit_id=dossier.holder_unit_id,
        holder_person_id=dossier.holder_person_id,
    )
    return terms, units, parties


def _action(step: Action, dossier: Dossier, terms: ProcedureTerms) -> Action:
    """The clerk registers a joined procedure's partial result: it passes to the next agency."""
    if step is Action.REGISTER_RESULT and dossier.chain_index + 1 < len(terms.chain):
        return Action.TRANSFER
    return step


@handles(ActOnDossier)
async def act(uow: DossierUnitOfWork, caller: Caller, command: ActOnDossier) -> Dossier:
    """Take one step: check the tables, the caller's side and a pending apology, apply its
    effects, log it (who, when, from, to, note), tell the staff and the applicant."""
    if command.step.action is Action.SUBMIT:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "A dossier is submitted once")
    dossier = await load(uow, command.dossier_id, command.version)
    terms, units, parties = await context_of(uow, dossier)
    actor = caller.actor
    if not can_view_dossier(actor, parties):
        raise NotFound("Dossier", "id")
    action = _action(command.step.action, dossier, terms)
    sides = policies.sides(actor, parties)
    try:
        target = next_state(dossier.state, action)
    except DomainError:
        moved = command.version is not None and (
            await uow.dossiers.current_version(dossier.id) != command.version
        )
        if moved:  # read moments apart: someone else moved it
            raise StaleVersion("The dossier") from None
        raise
    check_actor(action, sides)
    check_apology(action, dossier.apology_pending, sides)
    note = clean_optional(command.step.note, field="note", max_length=NOTE_MAX) or ""
    if action in NEEDS_NOTE and not note:
        field = "guidance" if action in (Action.REFUSE, Action.REQUEST_SUPPLEMENT) else "note"
        raise DomainError(ErrorCode.INVALID_INPUT, "Say why", field)
    before, acting_unit = dossier.state, dossier.holder_unit_id
    if action in DESK_STEPS:
        acting_unit = dossier.agency_unit_id
    move = steps.Move(uow, caller, dossier, terms, units, command.step, action, note)
    await steps.apply(move)
    dossier.state = target
    dossier.due_at = deadlines.running_due(dossier)
    await uow.dossiers.touch(dossier)  # same-state steps move the version too
    uow.record(DossierChanged(dossier.id))
    logged = await uow.dossiers.add_step(
        DossierStep(
            dossier.id,
            action.value,
            before,
            target,
            caller.now,
            actor.account_id,
            unit_id=acting_unit,
            note=move.note,
            due_at=move.log_due,
            breached=move.log_due is not None and caller.now > move.log_due,
        )
    )
    agency = units[dossier.agency_unit_id]
    holder = units[dossier.holder_unit_id]
    await notify_dossier_step(
        uow.notifications,
        actor_person_id=actor.person_id,
        dossier=dossier,
        procedure_name=terms.name,
        action=action.value,
        agency=(agency.id, agency.path),
        holder=(holder.id, holder.path),
        now=caller.now,
    )
    await tell_applicant(
        uow.dossier_messages,
        dossier_id=dossier.id,
        action=action.value,
        now=caller.now,
        step_id=logged.id,
    )
    return dossier


@handles(RateDossier)
async def rate(uow: DossierUnitOfWork, caller: Caller, command: RateDossier) -> Dossier:
    """The applicant's 8-criteria survey of a done dossier, once."""
    dossier = await load(uow, command.dossier_id, None)
    _, _, parties = await context_of(uow, dossier)
    if not can_view_dossier(caller.actor, parties):
        raise NotFound("Dossier", "id")
    if not is_applicant(caller.actor, parties):
        raise Forbidden("Only the applicant rates the service")
    survey = take_survey(dossier, dict(command.scores), command.comment, caller.now)
    await uow.dossiers.add_survey(survey)
    dossier.rated = True
    await uow.dossiers.touch(dossier)
    uow.record(DossierChanged(dossier.id))
    return dossier
