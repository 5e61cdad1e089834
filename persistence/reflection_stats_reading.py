"""ReflectionStatsReader on SQLAlchemy: sums of the cells kept on write, and the open steps
past due from the open reports or parts only (partial and state indexes), never a scan of
the reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, Select, cast, func, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reflections.model import SlaStep
from domain.stats.reflection_rollup import COUNTERS, NO_CATEGORY, Side
from domain.stats.reflection_services import ReflectionQuery
from domain.stats.services import Counts
from persistence import reflection_tables as rt
from persistence.database import run_locked
from persistence.reflection_stats_tables import reflection_stat_cells, reflection_stat_steps
from persistence.tables import org_units


class SqlReflectionStatsReader:
    """Each method is one statement over a subtree (an indexed path prefix)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, query: Select[Any]) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.execute(query))

    async def cells(self, query: ReflectionQuery) -> list[tuple[date, str, Counts]]:
        c = reflection_stat_cells.c
        stmt = _cells_where(
            select(c.bucket, _unit(query), *(func.sum(c[n]).label(n) for n in COUNTERS)).group_by(
                c.bucket, *_grouped(query)
            ),
            reflection_stat_cells,
            query,
        )
        return [
            (r.bucket, r.unit_path, {n: int(getattr(r, n)) for n in COUNTERS})
            for r in await self._rows(stmt)
        ]

    async def steps(self, query: ReflectionQuery) -> list[tuple[date, str, SlaStep, int, int]]:
        s = reflection_stat_steps.c
        stmt = _cells_where(
            select(
                s.bucket,
                _unit(query),
                s.step,
                func.sum(s.on_time).label("on_time"),
                func.sum(s.late).label("late"),
            ).group_by(s.bucket, s.step, *_grouped(query)),
            reflection_stat_steps,
            query,
        )
        return [
            (r.bucket, r.unit_path, SlaStep(r.step), int(r.on_time), int(r.late))
            for r in await self._rows(stmt)
            if r.on_time or r.late
        ]

    async def overdue(
        self, query: ReflectionQuery, now: datetime
    ) -> list[tuple[date, str, SlaStep, int]]:
        r, a = rt.reflections.c, rt.reflection_assignments.c
        day = _local_date(r.submitted_at, query, self.session.get_bind().dialect.name)
        if query.where.side is Side.AREA:
            stmt = (
                select(day.label("day"), _unit(query), r.step, func.count().label("steps"))
                .select_from(rt.reflections.join(org_units, org_units.c.id == r.commune_unit_id))
                .where(
                    text(f"reflections.{rt.OPEN_REPORTS}"),  # the partial index's predicate
                    r.step_due < now,
                    r.step.is_not(None),
                )
                .group_by(day, r.step, *_grouped(query))
            )
        else:
            stmt = (
                select(day.label("day"), _unit(query), a.step, func.count().label("steps"))
                .select_from(
                    rt.reflection_assignments.join(
                        rt.reflections, rt.reflections.c.id == a.reflection_id
                    ).join(org_units, org_units.c.id == a.agency_unit_id)
                )
                .where(
                    text(f"reflection_assignments.{rt.OPEN_PARTS}"),  # the partial index's
                    a.due_at < now,
                    a.step.is_not(None),
                )
                .group_by(day, a.step, *_grouped(query))
            )
        stmt = stmt.where(
            r.submitted_at >= query.since,
            r.submitted_at < query.until,
            org_units.c.path.startswith(query.unit_path, autoescape=True),
        )
        where = query.where
        if where.category_ids:
            stmt = stmt.where(func.coalesce(r.category_id, NO_CATEGORY).in_(where.category_ids))
        if where.channels:
            stmt = stmt.where(r.channel.in_(where.channels))
        if where.commune_id is not None:
            stmt = stmt.where(r.commune_unit_id == where.commune_id)
        return [
            (_as_date(row.day), row.unit_path, SlaStep(row.step), int(row.steps))
            for row in await self._rows(stmt)
        ]


def _unit(query: ReflectionQuery) -> Any:
    return (org_units.c.path if query.by_unit else literal("")).label("unit_path")


def _grouped(query: ReflectionQuery) -> tuple[Any, ...]:
    return (org_units.c.path,) if query.by_unit else ()


def _local_date(column: Any, query: ReflectionQuery, dialect: str) -> Any:
    """The local date of an instant in SQL (SQLite: the zone's offset at the period's start;
    the province's zone has no daylight saving)."""
    if dialect == "postgresql":
        return cast(func.timezone(query.time_zone, column), Date)
    offset = query.since.utcoffset() or timedelta()
    return func.date(column, f"{int(offset.total_seconds() // 60):+d} minutes")


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _cells_where(stmt: Select[Any], table: Any, query: ReflectionQuery) -> Select[Any]:
    c = table.c
    stmt = stmt.select_from(table.join(org_units, org_units.c.id == c.unit_id)).where(
        c.grain == query.grain,
        c.side == query.where.side,
        c.bucket >= query.start,
        c.bucket < query.end,
        org_units.c.path.startswith(query.unit_path, autoescape=True),
    )
    where = query.where
    if where.category_ids:
        stmt = stmt.where(c.category_id.in_(where.category_ids))
    if where.channels:
        stmt = stmt.where(c.channel.in_(where.channels))
    if where.commune_id is not None:
        stmt = stmt.where(c.commune_unit_id == where.commune_id)
    return stmt
