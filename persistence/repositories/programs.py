"""The work program repository (also read by the queries, on the request's read session)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.programs.model import ItemResult, ProgramItem, ProgramKind, WorkProgram
from persistence import program_tables as p
from persistence.database import run_locked
from persistence.tables import org_units

P, ITEM, R = p.work_programs.c, p.work_program_items.c, p.work_program_results.c


class SqlProgramRepository:
    """ProgramRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Select[Any]) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def _first(self, query: Select[Any]) -> Any:
        found = await self._all(query.limit(1))
        return found[0] if found else None

    async def get(self, program_id: int) -> WorkProgram | None:
        found: WorkProgram | None = await self._first(select(WorkProgram).where(P.id == program_id))
        return found

    async def find(self, unit_id: int, kind: ProgramKind, period_name: str) -> WorkProgram | None:
        found: WorkProgram | None = await self._first(
            select(WorkProgram).where(
                P.unit_id == unit_id, P.kind == kind, P.period_name == period_name
            )
        )
        return found

    async def add(self, program: WorkProgram) -> WorkProgram:
        self.session.add(program)
        await self.session.flush()
        return program

    async def items_of(self, program_ids: Sequence[int]) -> list[ProgramItem]:
        return await self._all(
            select(ProgramItem)
            .where(ITEM.program_id.in_(program_ids))
            .order_by(ITEM.program_id, ITEM.position)
        )

    async def get_item(self, item_id: int) -> ProgramItem | None:
        found: ProgramItem | None = await self._first(select(ProgramItem).where(ITEM.id == item_id))
        return found

    async def add_item(self, item: ProgramItem) -> ProgramItem:
        self.session.add(item)
        await self.session.flush()
        return item

    async def results_of(self, item_ids: Sequence[int], period: str | None) -> list[ItemResult]:
        query = select(ItemResult).where(R.item_id.in_(item_ids))
        if period is not None:
            query = query.where(R.period == period)
        return await self._all(query.order_by(R.item_id, R.period))

    async def get_result(self, item_id: int, period: str) -> ItemResult | None:
        found: ItemResult | None = await self._first(
            select(ItemResult).where(R.item_id == item_id, R.period == period)
        )
        return found

    async def add_result(self, result: ItemResult) -> ItemResult:
        self.session.add(result)
        await self.session.flush()
        return result

    async def programs(
        self, unit_paths: Sequence[str], kind: ProgramKind | None, period_name: str | None
    ) -> list[WorkProgram]:
        if not unit_paths:
            return []
        query = (
            select(WorkProgram)
            .join(org_units, org_units.c.id == P.unit_id)
            .where(or_(*(org_units.c.path.startswith(x, autoescape=True) for x in unit_paths)))
        )
        if kind is not None:
            query = query.where(P.kind == kind)
        if period_name is not None:
            query = query.where(P.period_name == period_name)
        return await self._all(query.order_by(P.period_name.desc(), P.id).limit(100))
