"""Moving a report along its flow: one entry point, the tables, per-action effects, the log."""

from __future__ import annotations

from domain.accounts.tokens import digest
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, NotFound, StaleVersion
from domain.notifications.reflection_rules import notify_reflection_step
from domain.notifications.reporter_messages import tell_reporter
from domain.permissions import Principal, ReflectionParties, can_view_reflection
from domain.reflections import policies, steps
from domain.reflections.commands import ActOnReflection, Step
from domain.reflections.events import ReflectionChanged
from domain.reflections.model import (
    Assignment,
    AssignmentState,
    Reflection,
    ReflectionEvent,
    ReflectionState,
)
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.workflow import (
    AGENCY_ACTIONS,
    NEEDS_NOTE,
    PUBLIC_ACTIONS,
    check_actor,
    next_agency_state,
    next_state,
)
from domain.text import clean_optional

__all__ = ["Step", "act", "load", "parties_of"]
NO_FOCAL = policies.Focal()


async def load(uow: ReflectionUnitOfWork, reflection_id: int, version: int | None) -> Reflection:
    """The report, checked against the version the caller read."""
    reflection = await uow.reflections.get(reflection_id)
    if reflection is None:
        raise NotFound("Report", "id")
    if version is not None and version != reflection.version:
        raise StaleVersion("The report")
    return reflection


async def parties_of(
    uow: ReflectionUnitOfWork,
    reflection: Reflection,
    parts: list[Assignment],
    tracking_code: str | None = None,
) -> ReflectionParties:
    """Collect the facts the rules decide on."""
    live = [a.agency_unit_id for a in parts if a.state is not AssignmentState.WITHDRAWN]
    ids = [reflection.commune_unit_id, *live]
    if reflection.coordinating_unit_id is not None:
        ids.append(reflection.coordinating_unit_id)
    paths = {u.id: u.path for u in await uow.units.get_many(ids)}
    coordinating = reflection.coordinating_unit_id
    return ReflectionParties(
        published=reflection.state is ReflectionState.PUBLISHED,
        commune_path=paths.get(reflection.commune_unit_id, ""),
        agencies={a: paths[a] for a in live if a in paths},
        coordinating_unit_id=coordinating,
        coordinating_path=paths.get(coordinating) if coordinating else None,
        reporter_account_id=reflection.reporter_account_id,
        consent_contact=reflection.consent_contact,
        tracking_code_ok=bool(tracking_code and reflection.tracking_hash == digest(tracking_code)),
    )


@handles(ActOnReflection)
async def act(uow: ReflectionUnitOfWork, caller: Caller, command: ActOnReflection) -> Reflection:
    """Take one step: check the tables and the caller's side, apply its effects, log it."""
    actor, now, calendar = caller.actor, caller.now, caller.calendar
    reflection_id, expected_version, step = command.reflection_id, command.version, command.step
    reflection = await load(uow, reflection_id, expected_version)
    parts = await uow.reflections.assignments_of(reflection.id)
    parties = await parties_of(uow, reflection, parts, step.tracking_code)
    if not can_view_reflection(actor, parties):
        raise NotFound("Report", "id")
    try:
        target = next_state(reflection.state, step.action)
        part = None
        if step.action in AGENCY_ACTIONS:
            part = _part_of(actor, parties, parts, step.agency_id)
            next_agency_state(part.state, step.action)
    except DomainError:
        # read moments apart, the report and its parts may disagree: someone else moved it
        moved = expected_version is not None and (
            await uow.reflections.current_version(reflection.id) != expected_version
        )
        if moved:
            raise StaleVersion("The report") from None
        raise
    focal = None
    if part is not None:
        stored = await uow.reflections.focal(part.agency_unit_id)
        if stored is not None:
            focal = policies.Focal(stored.leader_person_id, stored.handler_person_id)
    agency_id = part.agency_unit_id if part else None
    check_actor(step.action, policies.sides(actor, parties, agency_id=agency_id, focal=focal))
    note = clean_optional(step.note, field="note", max_length=5000) or ""
    if step.action in NEEDS_NOTE and not note:
        raise DomainError(ErrorCode.INVALID_INPUT, "Give the reason", "note")
    change = steps.Change(uow, actor, calendar, reflection, parts, step, now, note, parties)
    before = reflection.state
    closed = await steps.apply(change, part, target)
    await uow.reflections.touch(reflection)  # same-state steps move the version too
    uow.record(ReflectionChanged(reflection.id))
    public = step.action in PUBLIC_ACTIONS
    for agency, (step_name, due) in closed.items():
        await uow.reflections.add_event(
            ReflectionEvent(
                reflection.id,
                step.action.value,
                before,
                reflection.state,
                now,
                actor.account_id,
                agency_unit_id=agency,
                step=step_name,
                due_at=due,
                breached=due is not None and now > due,
                public=public,
                note=change.note,
            )
        )
    await notify_reflection_step(
        uow,
        actor_person_id=actor.person_id,
        reflection=reflection,
        parts=change.parts,
        action=step.action.value,
        agencies=[agency for agency in closed if agency is not None],
        now=now,
    )
    await tell_reporter(
        uow.reporter_messages, reflection_id=reflection.id, action=step.action.value, now=now
    )
    return reflection


def _part_of(
    actor: Principal,
    parties: ReflectionParties,
    parts: list[Assignment],
    agency_id: int | None,
) -> Assignment:
    """The agency's part the step is about: named, or the caller's only one."""
    live = [a for a in parts if a.state is not AssignmentState.WITHDRAWN]
    if agency_id is None:
        mine = [
            a
            for a in live
            if policies.agency_sides(
                actor, a.agency_unit_id, parties.agencies.get(a.agency_unit_id, ""), NO_FOCAL
            )
        ]
        if len(mine) != 1:
            raise DomainError(ErrorCode.INVALID_INPUT, "Name the handling agency", "agencyId")
        return mine[0]
    for part in live:
        if part.agency_unit_id == agency_id:
            return part
    raise DomainError(ErrorCode.NOT_FOUND, "The report was not given to this agency", "agencyId")
