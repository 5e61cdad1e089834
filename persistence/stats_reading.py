"""StatsReader on SQLAlchemy: sums of the cells kept on write, never a scan of the tasks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.stats.rollup import COUNTERS
from domain.stats.services import CellQuery, Counts
from persistence import task_tables as tt
from persistence.database import run_locked
from persistence.stats_tables import task_stat_cells, task_stat_handling
from persistence.tables import org_units


class SqlStatsReader:
    """Each method is one statement over the cells of a subtree (an indexed path prefix)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, query: Select[Any]) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.execute(query))

    async def cells(self, query: CellQuery) -> list[tuple[date, str, Counts]]:
        c = task_stat_cells.c
        unit = _unit_column(query)
        stmt = _where(
            select(c.bucket, unit, *(func.sum(c[n]).label(n) for n in COUNTERS))
            .select_from(task_stat_cells.join(org_units, org_units.c.id == c.unit_id))
            .group_by(c.bucket, *_grouped(query)),
            task_stat_cells,
            query,
        )
        return [
            (r.bucket, r.unit_path, {n: int(getattr(r, n)) for n in COUNTERS})
            for r in await self._rows(stmt)
        ]

    async def histogram(self, query: CellQuery) -> list[tuple[date, str, int, int]]:
        h = task_stat_handling.c
        unit = _unit_column(query)
        stmt = _where(
            select(h.bucket, unit, h.tenths, func.sum(h.tasks).label("tasks"))
            .select_from(task_stat_handling.join(org_units, org_units.c.id == h.unit_id))
            .group_by(h.bucket, h.tenths, *_grouped(query)),
            task_stat_handling,
            query,
        )
        return [
            (r.bucket, r.unit_path, int(r.tenths), int(r.tasks))
            for r in await self._rows(stmt)
            if r.tasks
        ]

    async def overdue_now(self, query: CellQuery, since: datetime, now: datetime) -> dict[str, int]:
        t = tt.tasks.c
        unit = _unit_column(query)
        stmt = (
            select(unit, func.count().label("tasks"))
            .select_from(tt.tasks.join(org_units, org_units.c.id == t.lead_unit_id))
            .where(
                text(f"tasks.{tt.OPEN_PREDICATE}"),  # literal: the partial index matches it
                t.deadline >= since,
                t.deadline < now,
                org_units.c.path.startswith(query.unit_path, autoescape=True),
            )
            .group_by(*_grouped(query))
        )
        if query.kinds:
            stmt = stmt.where(t.kind.in_(query.kinds))
        return {r.unit_path: int(r.tasks) for r in await self._rows(stmt)}


def _unit_column(query: CellQuery) -> Any:
    return (org_units.c.path if query.by_unit else literal("")).label("unit_path")


def _grouped(query: CellQuery) -> tuple[Any, ...]:
    return (org_units.c.path,) if query.by_unit else ()


def _where(stmt: Select[Any], table: Any, query: CellQuery) -> Select[Any]:
    c = table.c
    stmt = stmt.where(
        c.grain == query.grain,
        c.bucket >= query.start,
        c.bucket < query.end,
        org_units.c.path.startswith(query.unit_path, autoescape=True),
    )
    if query.kinds:
        stmt = stmt.where(c.kind.in_(query.kinds))
    return stmt
