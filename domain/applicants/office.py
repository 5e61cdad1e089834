"""The applicant's own requests (edit, suspend, cancel, reactivate: Art. 10.2, 10.3) and the
account office's decisions on every request, each due within 1 working day."""

from __future__ import annotations

from domain import permissions
from domain.applicants import data, workflow
from domain.applicants.access import signed_in_applicant
from domain.applicants.commands import DecideApplicantRequest, RequestAccountChange
from domain.applicants.model import (
    ApplicantMessage,
    ApplicantRequest,
    MessageKind,
    RequestKind,
    RequestStatus,
)
from domain.applicants.ports import ApplicantUnitOfWork
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.events import ACCESS_CHANGED
from domain.text import clean_optional


def _state(message: str, field: str | None = None) -> DomainError:
    return DomainError(ErrorCode.INVALID_STATE, message, field)


@handles(RequestAccountChange)
async def request_change(
    uow: ApplicantUnitOfWork, caller: Caller, command: RequestAccountChange
) -> ApplicantRequest:
    """File a request for the office (one open at a time); an edit carries the new data,
    checked now and applied when the office approves it."""
    applicant = await signed_in_applicant(uow, caller.actor)
    kind, today = command.kind, caller.calendar.local_date(caller.now)
    if command.version is not None and command.version != applicant.version:
        raise StaleVersion("The account")
    if kind is RequestKind.REGISTRATION:
        raise DomainError(ErrorCode.INVALID_INPUT, "Registration is not requested", "kind")
    if applicant.status not in workflow.REQUESTABLE[kind]:
        raise _state(f"A {applicant.status.value.lower()} account cannot ask this", "kind")
    if await uow.applicants.open_request(applicant.id) is not None:
        raise _state("The office has not decided the previous request yet")
    changes = None
    if kind is RequestKind.EDIT:
        if command.changes is None:
            raise DomainError(ErrorCode.INVALID_INPUT, "Give the data to change", "changes")
        changes = data.dump(data.merged(applicant, command.changes, today))
    request = await uow.applicants.add_request(
        ApplicantRequest(
            applicant_id=applicant.id,
            kind=kind,
            status=RequestStatus.OPEN,
            submitted_at=caller.now,
            due_at=workflow.due(caller.calendar, caller.now),
            reason=clean_optional(command.reason, field="reason", max_length=2000),
            changes=changes,
        )
    )
    await uow.applicants.touch(applicant)  # two requests at once: one wins
    return request


@handles(DecideApplicantRequest)
async def decide(
    uow: ApplicantUnitOfWork, caller: Caller, command: DecideApplicantRequest
) -> ApplicantRequest:
    """Approve (the account moves, an edit is applied) or refuse (with a reason) a request;
    the applicant is told by email and SMS."""
    if not permissions.is_account_office(caller.actor):
        raise Forbidden("Only the account office decides applicant requests")
    request = await uow.applicants.get_request(command.request_id)
    if request is None:
        raise NotFound("Request", "requestId")
    if command.version is not None and command.version != request.version:
        raise StaleVersion("The request")
    if request.status is not RequestStatus.OPEN:
        raise _state(f"The request is {request.status.value.lower()} already")
    note = clean_optional(command.note, field="note", max_length=2000)
    if not command.approve and note is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "Give the reason of a refusal", "note")
    applicant = await uow.applicants.get(request.applicant_id)
    account = await uow.accounts.get(applicant.account_id) if applicant else None
    if applicant is None or account is None:
        raise NotFound("Request", "requestId")
    if applicant.status not in workflow.DECIDABLE[request.kind]:
        raise _state(f"The account is {applicant.status.value.lower()} now")
    target = (workflow.APPROVED_TO if command.approve else workflow.REFUSED_TO).get(request.kind)
    if command.approve and request.kind is RequestKind.EDIT and request.changes:
        data.apply(applicant, data.load(request.changes))
    if target is not None:
        workflow.move(applicant, account, target, caller.now)
        if account.disabled:  # cancelled or refused: every session ends
            await uow.accounts.revoke_tokens(account.id, caller.now)
        uow.record(ACCESS_CHANGED)
    if command.approve and request.kind is RequestKind.REGISTRATION:
        applicant.approved_at = caller.now
    await uow.applicants.touch(applicant)
    request.status = RequestStatus.APPROVED if command.approve else RequestStatus.REFUSED
    request.decided_at, request.decided_by, request.note = caller.now, caller.actor.account_id, note
    told = workflow.TOLD.get((request.kind, command.approve), MessageKind.REQUEST_REFUSED)
    await uow.applicants.add_message(
        ApplicantMessage(applicant.id, told, caller.now, request_id=request.id)
    )
    return request
