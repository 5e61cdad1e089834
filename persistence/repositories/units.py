"""The unit repository: org units, levels, placements, lineage, leadership, events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from domain.org.model import (
    Leadership,
    OrgLevel,
    OrgUnit,
    UnitEvent,
    UnitLineage,
    UnitPlacement,
    UnitStatus,
)
from persistence.tables import leaderships, org_units, unit_placements


class SqlUnitRepository:
    """UnitRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, unit_id: int) -> OrgUnit | None:
        return await self.session.get(OrgUnit, unit_id)

    async def get_by_code(self, code: str) -> OrgUnit | None:
        result = await self.session.scalars(select(OrgUnit).where(org_units.c.code == code))
        return result.first()

    async def get_many(self, unit_ids: Sequence[int]) -> list[OrgUnit]:
        if not unit_ids:
            return []
        result = await self.session.scalars(
            select(OrgUnit).where(org_units.c.id.in_(set(unit_ids)))
        )
        return list(result)

    async def add(self, unit: OrgUnit) -> OrgUnit:
        self.session.add(unit)
        await self.session.flush()
        return unit

    async def subtree(self, path: str, *, max_depth: int | None = None) -> list[OrgUnit]:
        query = select(OrgUnit).where(
            org_units.c.path.startswith(path, autoescape=True),
            org_units.c.status == UnitStatus.ACTIVE,
        )
        if max_depth is not None:
            query = query.where(org_units.c.depth <= max_depth)
        result = await self.session.scalars(query.order_by(org_units.c.depth, org_units.c.id))
        return list(result)

    async def active_children(self, unit_id: int) -> list[OrgUnit]:
        result = await self.session.scalars(
            select(OrgUnit).where(
                org_units.c.parent_id == unit_id, org_units.c.status == UnitStatus.ACTIVE
            )
        )
        return list(result)

    async def repath_subtree(self, old_path: str, new_path: str, depth_delta: int) -> None:
        await self.session.flush()
        moved = await self.session.scalar(
            select(org_units.c.subtree_member_count).where(org_units.c.path == old_path)
        )
        await self._roll_up(_path_ids(old_path)[:-1], -(moved or 0))
        await self._roll_up(_path_ids(new_path)[:-1], moved or 0)
        await self.session.execute(
            update(org_units)
            .where(org_units.c.path.startswith(old_path, autoescape=True))
            .values(
                path=new_path + func.substr(org_units.c.path, len(old_path) + 1),
                depth=org_units.c.depth + depth_delta,
            )
            .execution_options(synchronize_session=False)
        )
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, OrgUnit) and obj.path.startswith(old_path):
                await self.session.refresh(obj, ["path", "depth"])

    async def get_level(self, code: str) -> OrgLevel | None:
        return await self.session.get(OrgLevel, code)

    async def add_level(self, level: OrgLevel) -> None:
        self.session.add(level)

    async def add_placement(self, placement: UnitPlacement) -> None:
        self.session.add(placement)

    async def close_placement(self, unit_id: int, on: date) -> None:
        await self.session.execute(
            update(unit_placements)
            .where(unit_placements.c.unit_id == unit_id, unit_placements.c.valid_to.is_(None))
            .values(valid_to=on)
            .execution_options(synchronize_session=False)
        )

    async def add_lineage(self, lineage: UnitLineage) -> None:
        self.session.add(lineage)

    async def add_event(self, event: UnitEvent) -> None:
        self.session.add(event)

    async def add_leadership(self, leadership: Leadership) -> None:
        self.session.add(leadership)

    async def get_leadership(self, leadership_id: int) -> Leadership | None:
        return await self.session.get(Leadership, leadership_id)

    async def current_leadership(self, unit_id: int, person_id: int) -> Leadership | None:
        result = await self.session.scalars(
            select(Leadership).where(
                leaderships.c.unit_id == unit_id,
                leaderships.c.person_id == person_id,
                leaderships.c.valid_to.is_(None),
            )
        )
        return result.first()

    async def adjust_member_count(self, unit_id: int, delta: int) -> None:
        # One atomic UPDATE: concurrent hires into a unit neither lose counts nor bump the
        # unit's version (which would refuse an unrelated edit of its info as stale).
        unit = await self.get(unit_id)
        if unit is None:
            return
        await self.session.execute(
            update(org_units)
            .where(org_units.c.id == unit_id)
            .values(member_count=org_units.c.member_count + delta)
            .execution_options(synchronize_session=False)
        )
        set_committed_value(unit, "member_count", unit.member_count + delta)
        await self._roll_up(_path_ids(unit.path), delta)

    async def _roll_up(self, unit_ids: list[int], delta: int) -> None:
        """Add `delta` to the subtree counters of these units (the unit and its ancestors)."""
        if not unit_ids or not delta:
            return
        await self.session.execute(
            update(org_units)
            .where(org_units.c.id.in_(unit_ids))
            .values(subtree_member_count=org_units.c.subtree_member_count + delta)
            .execution_options(synchronize_session=False)
        )
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, OrgUnit) and obj.id in unit_ids:
                set_committed_value(obj, "subtree_member_count", obj.subtree_member_count + delta)


def _path_ids(path: str) -> list[int]:
    """Ids on a materialized path, root first."""
    return [int(part) for part in path.strip("/").split("/") if part]
