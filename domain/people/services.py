"""Use cases of the directory's people: create, edit, transfer, resign, retire, lead."""

from __future__ import annotations

from datetime import date

from domain import permissions
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.events import DIRECTORY_CHANGED
from domain.org.model import Leadership, OrgUnit, UnitEvent
from domain.org.services import effective_on, load_active
from domain.org.transfers import transfer_membership
from domain.people.commands import (
    AppointLeader,
    CreatePerson,
    EndEmployment,
    EndLeadership,
    TransferPerson,
    UpdatePerson,
)
from domain.people.model import MembershipEnd, Person, PersonStatus
from domain.ports import UnitOfWork
from domain.text import api_name, clean_text

# What a person may change on their own page; editors may change everything.
SELF_EDITABLE = frozenset(
    {"home_address", "work_phone", "personal_phone", "fax", "email", "id_photo_url"}
)


async def load_person(uow: UnitOfWork, person_id: int, *, field: str = "id") -> Person:
    """The person, which must exist."""
    person = await uow.people.get(person_id)
    if person is None:
        raise NotFound("Person", field)
    return person


async def unit_path_of(uow: UnitOfWork, person: Person) -> str | None:
    """The materialized path of the person's current unit."""
    if person.unit_id is None:
        return None
    unit = await uow.units.get(person.unit_id)
    return unit.path if unit else None


def _check_version(person: Person, expected: int | None) -> None:
    if expected is not None and expected != person.version:
        raise StaleVersion("Person")


@handles(CreatePerson)
async def create_person(uow: UnitOfWork, caller: Caller, command: CreatePerson) -> Person:
    """Add a person to a unit (unit editors, 000 Annex I)."""
    unit = await load_active(uow, command.unit_id, field="unitId")
    if not permissions.can_manage_people_in(caller.actor, unit.path):
        raise Forbidden("You may not add people to this unit")
    info, today = command.info, caller.calendar.local_date(caller.now)
    values = info.cleaned(today)
    if "full_name" not in values or "gender" not in values:
        raise DomainError(ErrorCode.INVALID_INPUT, "fullName and gender are required", "fullName")
    person = Person(
        full_name=str(values.pop("full_name")),
        search_name=str(values.pop("search_name")),
        gender=info.gender or values.pop("gender"),  # type: ignore[arg-type]
        unit_id=None,
    )
    for key, value in values.items():
        setattr(person, key, value)
    await uow.people.add(person)
    await transfer_membership(
        uow=uow,
        person=person,
        to_unit=unit,
        reason=MembershipEnd.TRANSFERRED,
        effective=today,
        position=person.position,
        duties=person.duties,
    )
    uow.record(DIRECTORY_CHANGED)
    return person


@handles(UpdatePerson)
async def update_person(uow: UnitOfWork, caller: Caller, command: UpdatePerson) -> Person:
    """Edit a person: the person edits their own contact data, editors edit everything."""
    actor = caller.actor
    person = await load_person(uow, command.person_id)
    path = await unit_path_of(uow, person)
    is_editor = path is not None and permissions.can_manage_people_in(actor, path)
    if not permissions.can_edit_person(actor, person_id=person.id, unit_path=path):
        raise Forbidden("You may not edit this person")
    values = command.info.cleaned(caller.calendar.local_date(caller.now))
    if not is_editor:
        refused = sorted(set(values) - SELF_EDITABLE - {"search_name", "birth_month_day"})
        if refused:
            names = ", ".join(api_name(name) for name in refused)
            raise Forbidden(f"Only a directory editor may change: {names}")
    _check_version(person, command.version)
    for key, value in values.items():
        setattr(person, key, value)
    uow.record(DIRECTORY_CHANGED)
    return person


@handles(TransferPerson)
async def transfer_person(uow: UnitOfWork, caller: Caller, command: TransferPerson) -> Person:
    """Move a person to another unit; the old membership stays in the history."""
    actor, position, duties = caller.actor, command.position, command.duties
    person = await _load_active_person(uow, command.person_id)
    target = await load_active(uow, command.to_unit_id, field="toUnitId")
    path = await unit_path_of(uow, person)
    from_ok = path is None or permissions.can_manage_people_in(actor, path)
    if not (from_ok and permissions.can_manage_people_in(actor, target.path)):
        raise Forbidden("You may not transfer this person there")
    _check_version(person, command.version)
    if target.id == person.unit_id:
        raise DomainError(ErrorCode.INVALID_INPUT, "The person already works there", "toUnitId")
    effective = effective_on(caller, command.effective)
    await _end_leadership_in(uow, person, effective)
    await transfer_membership(
        uow=uow,
        person=person,
        to_unit=target,
        reason=MembershipEnd.TRANSFERRED,
        effective=effective,
        position=clean_text(position, field="position", max_length=255) if position else None,
        duties=clean_text(duties, field="duties", max_length=5000) if duties else None,
    )
    uow.record(DIRECTORY_CHANGED)
    return person


@handles(EndEmployment)
async def end_employment(uow: UnitOfWork, caller: Caller, command: EndEmployment) -> Person:
    """Record a resignation or retirement; the person stays in the history."""
    status = command.status
    if status is PersonStatus.ACTIVE:
        raise DomainError(ErrorCode.INVALID_INPUT, "Choose RESIGNED or RETIRED", "status")
    person = await _load_active_person(uow, command.person_id)
    path = await unit_path_of(uow, person)
    if path is None or not permissions.can_manage_people_in(caller.actor, path):
        raise Forbidden("You may not change this person's employment")
    _check_version(person, command.version)
    effective = effective_on(caller, command.effective)
    await _end_leadership_in(uow, person, effective)
    reason = MembershipEnd.RESIGNED if status is PersonStatus.RESIGNED else MembershipEnd.RETIRED
    await transfer_membership(
        uow=uow, person=person, to_unit=None, reason=reason, effective=effective
    )
    person.status = status
    uow.record(DIRECTORY_CHANGED)
    return person


async def _load_active_person(uow: UnitOfWork, person_id: int) -> Person:
    person = await load_person(uow, person_id)
    if person.status is not PersonStatus.ACTIVE:
        raise DomainError(ErrorCode.INVALID_STATE, f"The person has {person.status.lower()}")
    return person


async def _end_leadership_in(uow: UnitOfWork, person: Person, effective: date) -> None:
    if person.unit_id is None:
        return
    current = await uow.units.current_leadership(person.unit_id, person.id)
    if current is not None:
        current.valid_to = effective


@handles(AppointLeader)
async def appoint_leader(uow: UnitOfWork, caller: Caller, command: AppointLeader) -> OrgUnit:
    """Name a member of a unit as its head or a deputy."""
    actor = caller.actor
    unit = await load_active(uow, command.unit_id, field="unitId")
    if not permissions.can_manage_people_in(actor, unit.path):
        raise Forbidden("You may not appoint leaders of this unit")
    person = await _load_active_person(uow, command.person_id)
    if person.unit_id != unit.id:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Leaders must be members of the unit", "personId"
        )
    if await uow.units.current_leadership(unit.id, person.id) is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The person already leads this unit", "personId")
    title = clean_text(command.title, field="title", max_length=255, required=True)
    effective = effective_on(caller, command.effective)
    await uow.units.add_leadership(Leadership(unit.id, person.id, title, command.rank, effective))
    await uow.units.add_event(
        UnitEvent(unit.id, "LEADER_APPOINTED", caller.now, actor.account_id, title)
    )
    uow.record(DIRECTORY_CHANGED)
    return unit


@handles(EndLeadership)
async def end_leadership(uow: UnitOfWork, caller: Caller, command: EndLeadership) -> Leadership:
    """End a leadership position; it stays in the unit's history."""
    leadership = await uow.units.get_leadership(command.leadership_id)
    if leadership is None or leadership.valid_to is not None:
        raise NotFound("Current leadership position", "leadershipId")
    unit = await load_active(uow, leadership.unit_id, field="leadershipId")
    if not permissions.can_manage_people_in(caller.actor, unit.path):
        raise Forbidden("You may not change the leaders of this unit")
    effective = effective_on(caller, command.effective)
    if effective < leadership.valid_from:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "A position cannot end before it began", "effective"
        )
    leadership.valid_to = effective
    await uow.units.add_event(
        UnitEvent(unit.id, "LEADER_ENDED", caller.now, caller.actor.account_id)
    )
    uow.record(DIRECTORY_CHANGED)
    return leadership
