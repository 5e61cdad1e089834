"""Splits and merges: several units become one, or one becomes several, with lineage."""

from __future__ import annotations

from domain import permissions
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.events import DIRECTORY_CHANGED
from domain.org.commands import CreateUnit, MergeUnits, SplitUnit
from domain.org.model import LineageKind, OrgUnit, UnitLineage, UnitStatus
from domain.org.services import check_version, close_unit, create_unit, effective_on, load_active
from domain.permissions import Principal
from domain.ports import UnitOfWork


@handles(MergeUnits)
async def merge_units(uow: UnitOfWork, caller: Caller, command: MergeUnits) -> OrgUnit:
    """Merge units into an existing unit or into a new one; the sources stay as history."""
    actor = caller.actor
    source_ids, into_id, new_unit = command.source_ids, command.into_id, command.new_unit
    effective = effective_on(caller, command.effective)
    if len(set(source_ids)) != len(source_ids) or not source_ids:
        raise DomainError(ErrorCode.INVALID_INPUT, "Name each unit to merge once", "sourceIds")
    if (into_id is None) == (new_unit is None):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Give either an existing target or a new unit", "intoId"
        )
    sources = [await load_active(uow, sid, field="sourceIds") for sid in source_ids]
    for source in sources:
        await _require_parent_editor(uow, actor, source)
    if into_id is not None:
        target = await load_active(uow, into_id, field="intoId")
        if target.id in source_ids:
            raise DomainError(ErrorCode.CYCLE, "A unit cannot merge into itself", "intoId")
        await _require_parent_editor(uow, actor, target)
    else:
        assert new_unit is not None
        parent_id = command.parent_id or sources[0].parent_id
        target = await create_unit(uow, caller, CreateUnit(parent_id, new_unit, effective))
    if len(sources) < 2 and into_id is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "A merge needs two units or more", "sourceIds")
    for source in sources:
        if target.path.startswith(source.path):
            raise DomainError(ErrorCode.CYCLE, "Target sits under a merged unit", "intoId")
        await close_unit(
            uow=uow,
            actor=actor,
            unit=source,
            status=UnitStatus.MERGED,
            successor=target,
            effective=effective,
            at=caller.now,
        )
        await uow.units.add_lineage(
            UnitLineage(source.id, target.id, LineageKind.MERGED_INTO, effective)
        )
    uow.record(DIRECTORY_CHANGED)
    return target


@handles(SplitUnit)
async def split_unit(uow: UnitOfWork, caller: Caller, command: SplitUnit) -> list[OrgUnit]:
    """Split a unit into new units under the same parent.

    Its child units and members move to the first new unit (the main successor).
    """
    if len(command.into) < 2:
        raise DomainError(ErrorCode.INVALID_INPUT, "A split needs two new units or more", "into")
    actor = caller.actor
    unit = await load_active(uow, command.unit_id)
    await _require_parent_editor(uow, actor, unit)
    check_version(unit, command.version)
    effective = effective_on(caller, command.effective)
    successors = [
        await create_unit(uow, caller, CreateUnit(unit.parent_id, new, effective))
        for new in command.into
    ]
    await close_unit(
        uow=uow,
        actor=actor,
        unit=unit,
        status=UnitStatus.SPLIT,
        successor=successors[0],
        effective=effective,
        at=caller.now,
    )
    for successor in successors:
        await uow.units.add_lineage(
            UnitLineage(unit.id, successor.id, LineageKind.SPLIT_INTO, effective)
        )
    uow.record(DIRECTORY_CHANGED)
    return successors


async def _require_parent_editor(uow: UnitOfWork, actor: Principal, unit: OrgUnit) -> None:
    parent = await uow.units.get(unit.parent_id) if unit.parent_id else None
    if parent is None or not permissions.can_manage_children_of(actor, parent.path):
        raise Forbidden(f"You may not restructure unit {unit.code}")
