"""Splits and merges: several units become one, or one becomes several, with lineage."""

from __future__ import annotations

from datetime import date, datetime

from domain import permissions
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.events import DIRECTORY_CHANGED
from domain.org.model import LineageKind, OrgUnit, UnitLineage, UnitStatus
from domain.org.services import NewUnit, check_version, close_unit, create_unit, load_active
from domain.permissions import Principal
from domain.ports import UnitOfWork


async def merge_units(
    *,
    uow: UnitOfWork,
    actor: Principal,
    source_ids: list[int],
    into_id: int | None,
    new_unit: NewUnit | None,
    parent_id: int | None,
    effective: date,
    at: datetime,
) -> OrgUnit:
    """Merge units into an existing unit or into a new one; the sources stay as history."""
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
        target = await create_unit(
            uow=uow,
            actor=actor,
            parent_id=parent_id or sources[0].parent_id,
            new=new_unit,
            effective=effective,
            at=at,
        )
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
            at=at,
        )
        await uow.units.add_lineage(
            UnitLineage(source.id, target.id, LineageKind.MERGED_INTO, effective)
        )
    uow.record(DIRECTORY_CHANGED)
    return target


async def split_unit(
    *,
    uow: UnitOfWork,
    actor: Principal,
    unit_id: int,
    into: list[NewUnit],
    expected_version: int | None,
    effective: date,
    at: datetime,
) -> list[OrgUnit]:
    """Split a unit into new units under the same parent.

    Its child units and members move to the first new unit (the main successor).
    """
    if len(into) < 2:
        raise DomainError(ErrorCode.INVALID_INPUT, "A split needs two new units or more", "into")
    unit = await load_active(uow, unit_id)
    await _require_parent_editor(uow, actor, unit)
    check_version(unit, expected_version)
    successors = [
        await create_unit(
            uow=uow, actor=actor, parent_id=unit.parent_id, new=new, effective=effective, at=at
        )
        for new in into
    ]
    await close_unit(
        uow=uow,
        actor=actor,
        unit=unit,
        status=UnitStatus.SPLIT,
        successor=successors[0],
        effective=effective,
        at=at,
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
