"""What each step does to a dossier besides moving its state (domain.dossiers.transitions
checks the tables and the caller first, and logs the step after)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from domain.commands import Caller
from domain.dossiers import deadlines, guidance, letters
from domain.dossiers.commands import StepInput
from domain.dossiers.components import check_files
from domain.dossiers.model import (
    ApologyLetter,
    DeliveryMethod,
    Dossier,
    GuidanceStage,
    OverdueNotice,
    Supplement,
)
from domain.dossiers.ports import DossierUnitOfWork, ProcedureTerms
from domain.dossiers.workflow import Action
from domain.errors import DomainError, ErrorCode
from domain.org.model import OrgUnit
from domain.text import clean_optional

SYMBOL = re.compile(r"[A-ZĐ0-9][A-ZĐ0-9.-]{0,29}")
"""A register's symbol after the number: "GPXD", "QĐ-UBND"."""


@dataclass
class Move:
    """One step under way: what it acts on and what it leaves for the log."""

    uow: DossierUnitOfWork
    caller: Caller
    dossier: Dossier
    terms: ProcedureTerms
    units: dict[int, OrgUnit]
    step: StepInput
    action: Action
    note: str
    log_due: datetime | None = None
    extra: set[int] = field(default_factory=set)

    @property
    def now(self) -> datetime:
        """When the step is taken."""
        return self.caller.now


def _require(condition: bool, message: str, field_name: str) -> None:
    if not condition:
        raise DomainError(ErrorCode.INVALID_INPUT, message, field_name)


async def _files(move: Move, round_: int) -> None:
    """Record the files the applicant brings to complete or supplement the dossier."""
    step, dossier = move.step, move.dossier
    _require(bool(step.files), "Bring at least one file", "files")
    held = {c.component_id for c in await move.uow.dossiers.components_of(dossier.id)}
    keys = [f.upload_key for f in step.files]
    uploads = await move.uow.media.get_many(keys)
    found = check_files(
        move.terms.components,
        step.files,
        uploads,
        dossier_id=dossier.id,
        now=move.now,
        round_=round_,
        already=held,
    )
    if await move.uow.media.attach_to_dossier(keys, dossier.id) != len(keys):
        raise DomainError(ErrorCode.MEDIA_REJECTED, "A file belongs to another record", "files")
    for component in found:
        await move.uow.dossiers.add_component(component)
    latest = await move.uow.dossiers.latest_supplement(dossier.id)
    if latest is not None and latest.answered_at is None:
        latest.answered_at = move.now


async def _guide(move: Move, stage: GuidanceStage, round_: int) -> None:
    """Record the guidance, once and in full, and the apology it may oblige."""
    known = {rule.component_id for rule in move.terms.components}
    step = move.step
    checked = guidance.check_guidance(
        step.note, step.missing_components, known, staff_at_fault=step.staff_at_fault
    )
    move.note = checked.text
    await move.uow.dossiers.add_supplement(
        Supplement(
            move.dossier.id,
            stage,
            round_,
            checked.text,
            move.now,
            move.caller.actor.account_id,
            missing_components=checked.missing_components,
            staff_at_fault=checked.staff_at_fault,
        )
    )
    if guidance.apology_owed(stage, round_, staff_at_fault=checked.staff_at_fault):
        move.dossier.apology_pending = stage


async def accept(move: Move) -> None:
    """Received: the processing clock starts, for the procedure's working days."""
    d = move.dossier
    move.log_due = d.reception_due
    d.received_at = move.now
    d.processing_due = deadlines.processing_due(move.caller.calendar, move.now, d.processing_days)


async def refuse(move: Move) -> None:
    """Refused as incomplete, with the guidance written once, in full."""
    move.log_due = move.dossier.reception_due
    await _guide(move, GuidanceStage.RECEPTION, move.dossier.refusals + 1)
    move.dossier.refusals += 1


async def complete(move: Move) -> None:
    """The applicant completes a refused dossier: back to the desk, a new reception limit."""
    await _files(move, move.dossier.refusals)
    move.dossier.reception_due = deadlines.reception_due(move.caller.calendar, move.now)
    move.log_due = move.dossier.reception_due


async def assign(move: Move) -> None:
    """The holder agency's leader gives the dossier to one of its specialists."""
    person, d = move.step.assignee_person_id, move.dossier
    _require(person is not None, "Name the specialist", "specialistId")
    assert person is not None
    _require(person != d.holder_person_id, "The dossier is theirs already", "specialistId")
    holder = move.units[d.holder_unit_id]
    may = await move.uow.dossiers.may_handle(person, holder.id, holder.path)
    _require(may, "Not a specialist of the agency holding the dossier", "specialistId")
    d.holder_person_id = person


async def request_supplement(move: Move) -> None:
    """The specialist asks the applicant to supplement: the clock stops."""
    d = move.dossier
    await _guide(move, GuidanceStage.PROCESSING, d.supplement_requests + 1)
    d.supplement_requests += 1
    d.paused_at = move.now
    move.log_due = d.processing_due


async def supplement(move: Move) -> None:
    """The applicant supplements: the clock runs again with the time that was left."""
    d = move.dossier
    await _files(move, d.supplement_requests)
    if d.paused_at is not None and d.processing_due is not None:
        resumed = deadlines.resume(
            move.caller.calendar, due=d.processing_due, paused_at=d.paused_at, resumed_at=move.now
        )
        d.processing_due = resumed.due
        d.paused_minutes += resumed.paused_minutes
    d.paused_at = None
    move.log_due = d.processing_due


async def submit_draft(move: Move) -> None:
    """The specialist submits the draft result, granted or not (Art. 12.2)."""
    _require(move.step.result_kind is not None, "Say whether it is granted", "resultKind")
    move.dossier.result_kind = move.step.result_kind


async def transfer(move: Move) -> None:
    """A joined procedure: the registered partial result passes to the next agency."""
    d = move.dossier
    d.chain_index += 1
    d.holder_unit_id = move.terms.chain[d.chain_index]
    d.holder_person_id = None


async def register_result(move: Move) -> None:
    """The clerk signs and registers the result with the next number of the register; by post,
    the signed electronic result must be attached, to be emailed first (Art. 13.2)."""
    d, step = move.dossier, move.step
    symbol = (clean_optional(step.register_symbol, field="symbol", max_length=30) or "").upper()
    _require(
        not symbol or SYMBOL.fullmatch(symbol) is not None,
        "A symbol such as GPXD",
        "symbol",
    )
    key = step.result_upload_key
    if d.delivery is DeliveryMethod.POST:
        _require(key is not None, "By post, attach the signed electronic result", "resultFileUrl")
    if key is not None:
        upload = (await move.uow.media.get_many([key])).get(key)
        if upload is None:
            raise DomainError(ErrorCode.MEDIA_REJECTED, "Unknown uploaded file", "resultFileUrl")
        if upload.mime_type != "application/pdf":
            raise DomainError(
                ErrorCode.FILE_TYPE_REJECTED, "The result is a PDF file", "resultFileUrl"
            )
        if await move.uow.media.attach_to_dossier([key], d.id) != 1:
            raise DomainError(
                ErrorCode.MEDIA_REJECTED, "The file belongs to another record", "resultFileUrl"
            )
        d.result_upload_key = key
    year = move.caller.calendar.local_date(move.now).year
    number = await move.uow.dossiers.next_result_number(d.holder_unit_id, year)
    d.result_number = f"{number}/{symbol}" if symbol else str(number)
    d.finished_at = move.now
    if d.processing_due is not None:
        d.finish_class = deadlines.class_of_finish(move.caller.calendar, move.now, d.processing_due)
    move.log_due = d.processing_due


async def deliver(move: Move) -> None:
    """The desk hands the result over, or posts it."""
    move.dossier.delivered_at = move.now


async def apologize(move: Move) -> None:
    """The apology letter owed after repeated faulty guidance, with the full guidance."""
    d = move.dossier
    stage = d.apology_pending
    assert stage is not None  # workflow.check_apology
    latest = await move.uow.dossiers.latest_supplement(d.id)
    applicant = await move.uow.dossiers.applicant(d.applicant_account_id)
    unit = move.units[d.agency_unit_id if stage is GuidanceStage.RECEPTION else d.holder_unit_id]
    rounds = d.refusals if stage is GuidanceStage.RECEPTION else d.supplement_requests
    text = letters.apology_text(
        agency=unit.name,
        applicant=applicant.full_name if applicant and applicant.full_name else "Quý vị",
        procedure=move.terms.name,
        tracking_code=d.tracking_code,
        stage=stage,
        rounds=rounds,
        guidance=latest.guidance if latest else "",
        note=move.note or None,
    )
    await move.uow.dossiers.add_apology(
        ApologyLetter(d.id, stage, move.now, move.caller.actor.account_id, unit.id, text)
    )
    d.apology_pending = None


async def notify_overdue(move: Move) -> None:
    """Explain an overdue dossier to the applicant, with the new date."""
    d, new_due = move.dossier, move.step.new_due
    if not deadlines.is_overdue(d, move.now):
        raise DomainError(ErrorCode.INVALID_STATE, "The dossier is not overdue")
    _require(new_due is not None and new_due > move.now, "Give a new date ahead", "newDue")
    assert new_due is not None
    await move.uow.dossiers.add_notice(
        OverdueNotice(
            d.id, move.now, move.caller.actor.account_id, d.holder_unit_id, move.note, new_due
        )
    )
    d.promised_at = new_due
    move.log_due = d.processing_due


async def nothing(move: Move) -> None:
    """Steps with no effect besides the state (sign, return a draft, withdraw)."""


EFFECTS = {
    Action.ACCEPT: accept,
    Action.REFUSE: refuse,
    Action.COMPLETE: complete,
    Action.ASSIGN: assign,
    Action.REQUEST_SUPPLEMENT: request_supplement,
    Action.SUPPLEMENT: supplement,
    Action.SUBMIT_DRAFT: submit_draft,
    Action.SIGN: nothing,
    Action.RETURN_DRAFT: nothing,
    Action.REGISTER_RESULT: register_result,
    Action.TRANSFER: transfer,
    Action.DELIVER: deliver,
    Action.WITHDRAW: nothing,
    Action.APOLOGIZE: apologize,
    Action.NOTIFY_OVERDUE: notify_overdue,
}


async def apply(move: Move) -> None:
    """Run the step's effect."""
    await EFFECTS[move.action](move)
