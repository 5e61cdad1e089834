"""Use cases of the org tree: create, edit, move, split, merge, dissolve. With history."""

from __future__ import annotations

from datetime import date, datetime

from domain import permissions
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.events import DIRECTORY_CHANGED
from domain.org.commands import CreateUnit, DissolveUnit, MoveUnit, NewUnit, UpdateUnit
from domain.org.model import (
    LineageKind,
    OrgUnit,
    UnitEvent,
    UnitLineage,
    UnitPlacement,
    UnitStatus,
    child_path,
)
from domain.org.transfers import close_unit_memberships
from domain.permissions import Principal
from domain.ports import UnitOfWork
from domain.text import clean_code


async def load_active(uow: UnitOfWork, unit_id: int, *, field: str = "id") -> OrgUnit:
    """The unit, which must exist and be active."""
    unit = await uow.units.get(unit_id)
    if unit is None:
        raise NotFound("Unit", field)
    if unit.status is not UnitStatus.ACTIVE:
        raise DomainError(
            ErrorCode.INVALID_STATE, f"Unit {unit.code} is {unit.status.value.lower()}", field
        )
    return unit


def effective_on(caller: Caller, given: date | None) -> date:
    """The day a change takes effect: the given one, else today in the province."""
    return given or caller.calendar.local_date(caller.now)


def check_version(unit: OrgUnit, expected: int | None) -> None:
    """Refuse a change made against an older version of the unit."""
    if expected is not None and expected != unit.version:
        raise StaleVersion(f"Unit {unit.code}")


@handles(CreateUnit)
async def create_unit(uow: UnitOfWork, caller: Caller, command: CreateUnit) -> OrgUnit:
    """Create a unit under its parent (a root only for the system itself)."""
    actor, system = caller.actor, command.system
    effective = effective_on(caller, command.effective)
    parent: OrgUnit | None = None
    if command.parent_id is None:
        if not system:
            raise DomainError(ErrorCode.INVALID_INPUT, "A parent unit is required", "parentId")
    else:
        parent = await load_active(uow, command.parent_id, field="parentId")
        if not system and not permissions.can_manage_children_of(actor, parent.path):
            raise Forbidden("You may not create units under this unit")
    unit = await _build_unit(uow, parent=parent, new=command.new, effective=effective)
    await uow.units.add(unit)
    unit.path = child_path(parent.path if parent else "", unit.id)
    await uow.units.add_placement(UnitPlacement(unit.id, unit.parent_id, effective))
    await uow.units.add_event(UnitEvent(unit.id, "CREATED", caller.now, actor.account_id))
    uow.record(DIRECTORY_CHANGED)
    return unit


async def _build_unit(
    uow: UnitOfWork, *, parent: OrgUnit | None, new: NewUnit, effective: date
) -> OrgUnit:
    code = clean_code(new.code)
    if await uow.units.get_by_code(code) is not None:
        raise DomainError(ErrorCode.DUPLICATE_CODE, f"A unit with code {code} exists", "code")
    level = await uow.units.get_level(new.level_code)
    if level is None:
        raise NotFound(f"Level {new.level_code}", "levelCode")
    if parent is not None:
        await _check_level_below(uow, parent, level.rank)
    info = new.info.cleaned()
    if not info.get("name"):
        raise DomainError(ErrorCode.INVALID_INPUT, "name is required", "name")
    unit = OrgUnit(
        code=code,
        name=str(info.pop("name")),
        level_code=level.code,
        kind=new.kind,
        valid_from=effective,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
    )
    for key, value in info.items():
        setattr(unit, key, value)
    return unit


async def _check_level_below(uow: UnitOfWork, parent: OrgUnit, child_rank: int) -> None:
    parent_level = await uow.units.get_level(parent.level_code)
    if parent_level is not None and child_rank <= parent_level.rank:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            f"A unit of this level cannot sit under a {parent_level.name} unit",
            "levelCode",
        )


@handles(UpdateUnit)
async def update_unit(uow: UnitOfWork, caller: Caller, command: UpdateUnit) -> OrgUnit:
    """Edit a unit's basic info and details."""
    actor = caller.actor
    unit = await load_active(uow, command.unit_id)
    parent_path = unit.parent_path()
    if not permissions.can_edit_unit_info(actor, unit_path=unit.path, parent_path=parent_path):
        raise Forbidden("You may not edit this unit")
    check_version(unit, command.version)
    for key, value in command.info.cleaned().items():
        setattr(unit, key, value)
    await uow.units.add_event(UnitEvent(unit.id, "EDITED", caller.now, actor.account_id))
    uow.record(DIRECTORY_CHANGED)
    return unit


@handles(MoveUnit)
async def move_unit(uow: UnitOfWork, caller: Caller, command: MoveUnit) -> OrgUnit:
    """Place a unit (with its whole subtree) under another parent."""
    actor = caller.actor
    unit = await load_active(uow, command.unit_id)
    new_parent = await load_active(uow, command.new_parent_id, field="newParentId")
    old_parent = await load_active(uow, unit.parent_id) if unit.parent_id else None
    allowed = permissions.can_manage_children_of(actor, new_parent.path) and (
        old_parent is None or permissions.can_manage_children_of(actor, old_parent.path)
    )
    if not allowed:
        raise Forbidden("You may not move this unit there")
    check_version(unit, command.version)
    effective = effective_on(caller, command.effective)
    return await _place_under(uow, actor, unit, new_parent, effective=effective, at=caller.now)


async def _place_under(
    uow: UnitOfWork,
    actor: Principal,
    unit: OrgUnit,
    new_parent: OrgUnit,
    *,
    effective: date,
    at: datetime,
) -> OrgUnit:
    """Re-parent a unit and repath its subtree; the caller has checked the permissions."""
    if new_parent.path.startswith(unit.path):
        raise DomainError(ErrorCode.CYCLE, "A unit cannot move under itself", "newParentId")
    if new_parent.id == unit.parent_id:
        return unit
    level = await uow.units.get_level(unit.level_code)
    await _check_level_below(uow, new_parent, level.rank if level else 0)
    old_path = unit.path
    new_path = child_path(new_parent.path, unit.id)
    await uow.units.repath_subtree(old_path, new_path, new_parent.depth + 1 - unit.depth)
    unit.parent_id, unit.path, unit.depth = new_parent.id, new_path, new_parent.depth + 1
    await uow.units.close_placement(unit.id, effective)
    await uow.units.add_placement(UnitPlacement(unit.id, new_parent.id, effective))
    await uow.units.add_event(
        UnitEvent(unit.id, "MOVED", at, actor.account_id, f"from {old_path} to {new_path}")
    )
    uow.record(DIRECTORY_CHANGED)
    return unit


async def close_unit(
    *,
    uow: UnitOfWork,
    actor: Principal,
    unit: OrgUnit,
    status: UnitStatus,
    successor: OrgUnit | None,
    effective: date,
    at: datetime,
) -> None:
    """End a unit's life: its children and members move to the successor, history is kept."""
    children = await uow.units.active_children(unit.id)
    if successor is None:
        if children or unit.member_count:
            raise DomainError(
                ErrorCode.INVALID_STATE,
                f"Unit {unit.code} still has units or members; name a successor or move them",
                "successorId",
            )
    else:
        # The right to close the unit carries its children along to the successor.
        for child in children:
            await _place_under(uow, actor, child, successor, effective=effective, at=at)
    await close_unit_memberships(uow=uow, unit=unit, successor=successor, effective=effective)
    unit.status, unit.valid_to = status, effective
    await uow.units.close_placement(unit.id, effective)
    await uow.units.add_event(UnitEvent(unit.id, status.value, at, actor.account_id))
    uow.record(DIRECTORY_CHANGED)


@handles(DissolveUnit)
async def dissolve_unit(uow: UnitOfWork, caller: Caller, command: DissolveUnit) -> OrgUnit:
    """Dissolve a unit; it stays queryable with its successor and dates."""
    actor = caller.actor
    unit = await load_active(uow, command.unit_id)
    parent = await load_active(uow, unit.parent_id) if unit.parent_id else None
    if parent is None or not permissions.can_manage_children_of(actor, parent.path):
        raise Forbidden("You may not dissolve this unit")
    check_version(unit, command.version)
    successor = await _successor(uow, actor, unit, command.successor_id)
    effective = effective_on(caller, command.effective)
    await close_unit(
        uow=uow,
        actor=actor,
        unit=unit,
        status=UnitStatus.DISSOLVED,
        successor=successor,
        effective=effective,
        at=caller.now,
    )
    if successor is not None:
        await uow.units.add_lineage(
            UnitLineage(unit.id, successor.id, LineageKind.MERGED_INTO, effective)
        )
    uow.record(DIRECTORY_CHANGED)
    return unit


async def _successor(
    uow: UnitOfWork, actor: Principal, unit: OrgUnit, successor_id: int | None
) -> OrgUnit | None:
    if successor_id is None:
        return None
    successor = await load_active(uow, successor_id, field="successorId")
    if successor.path.startswith(unit.path):
        raise DomainError(ErrorCode.CYCLE, "A successor cannot sit under the unit", "successorId")
    require_restructure_right(actor, successor)
    return successor


def require_restructure_right(actor: Principal, unit: OrgUnit) -> None:
    """Restructuring a unit (or handing units and members to it) is for its parent's editors."""
    parent_path = unit.parent_path()
    if parent_path is None or not permissions.can_manage_children_of(actor, parent_path):
        raise Forbidden(f"You may not restructure unit {unit.code}")
