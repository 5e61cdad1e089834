"""The effects of each action on a report and its agencies' parts, with each step's limit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from domain.calendar import WorkingCalendar
from domain.errors import DomainError, ErrorCode
from domain.org.model import UnitStatus
from domain.permissions import Principal, ReflectionParties
from domain.reflections import deadlines, template
from domain.reflections.commands import Step
from domain.reflections.intake import default_agencies
from domain.reflections.model import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentState,
    Reflection,
    ReflectionState,
    SlaStep,
)
from domain.reflections.parts import agency_step, set_report_step, settled
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.workflow import Action, next_agency_state
from domain.text import clean_text, fold

A = AssignmentState
S = ReflectionState
Closed = dict[int | None, tuple[SlaStep | None, datetime | None]]
MAX_AGENCIES = 10


@dataclass
class Change:
    """Everything an effect needs."""

    uow: ReflectionUnitOfWork
    actor: Principal
    calendar: WorkingCalendar
    reflection: Reflection
    parts: list[Assignment]
    step: Step
    now: datetime
    note: str
    parties: ReflectionParties

    def due(self, sla_step: SlaStep, start: datetime | None = None) -> datetime:
        """When `sla_step`, started now (or at `start`), must be done."""
        return deadlines.due(self.calendar, sla_step, self.reflection.priority, start or self.now)


async def apply(change: Change, part: Assignment | None, target: ReflectionState) -> Closed:
    """Apply the action's effects; return the steps it closed (per agency) with their dues."""
    action = change.step.action
    reflection = change.reflection
    closed: Closed = {None: (reflection.step, reflection.step_due)}
    if part is not None:
        closed = {part.agency_unit_id: agency_step(change, part, action)}
        part.state = next_agency_state(part.state, action)
        reflection.state = settled(change.parts)
        set_report_step(change)
        return closed
    effect = _EFFECTS.get(action)
    if effect is not None:
        extra = await effect(change)
        if extra is not None:
            closed = extra
    if action is Action.PUBLISH and not reflection.publishable:
        reflection.state = S.ANSWERED_PRIVATELY  # secrecy or non-public (001 Art. 9.1b)
    elif action not in (Action.DISTRIBUTE, Action.SEND_BACK):
        reflection.state = target
    set_report_step(change)
    return closed


async def _classify(change: Change) -> Closed | None:
    r = change.reflection
    category_id = change.step.category_id
    if isinstance(category_id, int):
        category = await change.uow.reflections.get_category(category_id)
        if category is None or not category.active:
            raise DomainError(ErrorCode.NOT_FOUND, "Category not found", "categoryId")
        r.category_id = category.id
    priority = change.step.priority
    if priority is not None and priority is not r.priority:
        r.priority = priority
        r.step_due = change.due(SlaStep.INTAKE, r.submitted_at)  # Art. 10: from receipt
    sensitive = change.step.sensitive
    if isinstance(sensitive, bool):
        r.sensitive = sensitive
        r.is_public = r.is_public and not sensitive
    is_public = change.step.is_public
    if isinstance(is_public, bool):
        r.is_public = is_public
    coordinating = change.step.coordinating_unit_id
    if isinstance(coordinating, int):
        await _active_units(change, [coordinating], "coordinatingUnitId")
        r.coordinating_unit_id = coordinating
    return {None: (None, None)}  # classifying closes no step


async def _active_units(change: Change, ids: list[int], field: str) -> list[int]:
    found = {u.id: u for u in await change.uow.units.get_many(ids)}
    for unit_id in ids:
        unit = found.get(unit_id)
        if unit is None or unit.status is not UnitStatus.ACTIVE:
            raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", field)
    return ids


async def _to_coordinator(change: Change) -> Closed | None:
    r = change.reflection
    if not r.sensitive or r.coordinating_unit_id is None:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            "Mark the report sensitive and name its coordinating agency first",
            "coordinatingUnitId",
        )
    return None


async def _distribute(change: Change) -> Closed | None:
    r = change.reflection
    if r.sensitive and r.state is S.SUBMITTED:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            "A sensitive report goes to its coordinating agency first (001 Art. 11)",
            None,  # the step itself, not an argument
        )
    named, advised = list(dict.fromkeys(change.step.agency_ids or ())), list(r.advised_agency_ids)
    ids = named or advised  # the coordinating agency's choice first (001 Art. 11.3)
    if not ids:
        ids = await default_agencies(
            change.uow, category_id=r.category_id, commune_path=change.parties.commune_path
        )
    elif advised and not named:
        change.note = _remark(change.note, "theo chỉ định của cơ quan phối hợp")
    elif advised and set(named) != set(advised):
        names = await _names(change, advised)
        change.note = _remark(change.note, f"khác với chỉ định của cơ quan phối hợp: {names}")
    if not ids:
        raise DomainError(ErrorCode.INVALID_INPUT, "Name the handling agencies", "agencyIds")
    if len(ids) > MAX_AGENCIES:
        raise DomainError(ErrorCode.INVALID_INPUT, "Too many agencies", "agencyIds")
    await _active_units(change, ids, "agencyIds")
    closed: Closed = {}
    by_agency = {a.agency_unit_id: a for a in change.parts}
    # returned parts not named again are withdrawn; after a disagreement (001 Art. 11.4b) so
    # are approved ones: their result was not agreed
    dropped = {A.RETURNED, A.APPROVED} if r.state is S.ADVISED else {A.RETURNED}
    for part in change.parts:
        if part.state in dropped and part.agency_unit_id not in ids:
            part.state = A.WITHDRAWN
    for agency_id in ids:
        given = by_agency.get(agency_id)
        if given is not None and given.state in ACTIVE_ASSIGNMENT:
            continue  # already working on it
        if given is None:
            given = Assignment(r.id, agency_id, A.ASSIGNED, change.now)
            await change.uow.reflections.add_assignment(given)
            change.parts.append(given)
        given.state, given.assigned_at = A.ASSIGNED, change.now
        given.result = given.result_at = given.approved_at = given.approved_by = None
        given.accepted_at = given.handle_due = given.return_due = None
        given.step, given.due_at = SlaStep.ACCEPT, change.due(SlaStep.ACCEPT)
        closed[agency_id] = (r.step, r.step_due)
    if not closed:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "These agencies already handle the report", "agencyIds"
        )
    r.state = settled(change.parts)
    return closed


async def _send_back(change: Change) -> Closed | None:
    r = change.reflection
    wanted = set(change.step.agency_ids or ())
    closed: Closed = {}
    for part in change.parts:
        if part.state is A.APPROVED and (not wanted or part.agency_unit_id in wanted):
            part.state, part.note = A.ACCEPTED, change.note
            part.step, part.due_at = SlaStep.HANDLE, change.due(SlaStep.HANDLE)
            closed[part.agency_unit_id] = (r.step, r.step_due)
    if not closed:
        raise DomainError(ErrorCode.INVALID_INPUT, "Name agencies with a result", "agencyIds")
    r.state = settled(change.parts)
    return closed


async def _request_agreement(change: Change) -> Closed | None:
    if not change.reflection.sensitive:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, "Only sensitive reports need agreement", None
        )
    return None


async def _publish(change: Change) -> Closed | None:
    r = change.reflection
    if r.sensitive and r.state is not S.AGREED:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            "The coordinating agency must agree with the result first (001 Art. 11.4)",
            None,  # the step itself, not an argument
        )
    approved = [a for a in change.parts if a.state is A.APPROVED]
    units = {u.id: u for u in await change.uow.units.get_many([a.agency_unit_id for a in approved])}
    results = [
        template.AgencyResult(units[a.agency_unit_id].name, a.result or "")
        for a in approved
        if a.agency_unit_id in units
    ]
    found = template.problems(results)
    if found:
        raise DomainError(ErrorCode.RESULT_NOT_IN_TEMPLATE, "; ".join(found), "result")
    r.result = template.render(r.reporter_kind, results)
    if r.publishable:
        r.published_at = change.now
    return None


async def _cancel(change: Change) -> Closed | None:
    reason = change.step.cancel_reason
    if reason is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "Give the reason (001 Art. 13)", "reason")
    change.reflection.cancel_reason = reason
    for part in change.parts:
        if part.state in ACTIVE_ASSIGNMENT:
            part.state, part.step, part.due_at = A.WITHDRAWN, None, None
    return None


async def _edit(change: Change) -> Closed | None:
    r = change.reflection
    content = change.step.content
    if content is not None:
        r.content = clean_text(str(content), field="content", max_length=5000, required=True)
        r.search_text = fold(f"{r.content} {r.address}")
    return None


async def _advise(change: Change) -> Closed | None:
    """The competent agencies named are kept on the report (the IOC's default distribution)
    and go on record in the timeline; advice without agencies keeps those named before."""
    r = change.reflection
    ids = list(dict.fromkeys(change.step.agency_ids or ()))
    if len(ids) > MAX_AGENCIES:
        raise DomainError(ErrorCode.INVALID_INPUT, "Too many agencies", "agencyIds")
    if ids:
        await _active_units(change, ids, "agencyIds")
        r.advised_agency_ids = tuple(ids)
        names = await _names(change, ids)
        change.note = _remark(change.note, f"cơ quan có thẩm quyền: {names}")
    category_id = change.step.category_id
    if isinstance(category_id, int):
        await _classify(change)
    if r.state is S.ADVISED:
        return {None: (None, None)}  # advice given again closes none of the IOC's steps
    return None


async def _names(change: Change, ids: list[int]) -> str:
    units = {u.id: u.name for u in await change.uow.units.get_many(ids)}
    return ", ".join(units[i] for i in ids if i in units)


def _remark(note: str, remark: str) -> str:
    return f"{note} ({remark})" if note else f"({remark})"


_EFFECTS: dict[Action, Callable[[Change], Awaitable[Closed | None]]] = {
    Action.CLASSIFY: _classify,
    Action.SEND_TO_COORDINATOR: _to_coordinator,
    Action.ADVISE: _advise,
    Action.DISTRIBUTE: _distribute,
    Action.SEND_BACK: _send_back,
    Action.REQUEST_AGREEMENT: _request_agreement,
    Action.PUBLISH: _publish,
    Action.CANCEL: _cancel,
    Action.EDIT: _edit,
}
