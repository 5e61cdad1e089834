"""Streams task and field-report rows for exports from a server-side cursor (constant memory
at any range)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased

from domain.stats.exports import ExportRange
from domain.tasks.model import TaskState
from persistence import task_tables as tt
from persistence.dossier_export import dossier_export
from persistence.reflection_export import reflection_export
from persistence.tables import org_units

T = tt.tasks.c
_UNCOUNTED = (TaskState.CANCELLED, TaskState.ESCALATED)


def status_class(now: datetime) -> Any:
    """domain.tasks.model.Task.status_class as SQL."""
    return case(
        (T.state.in_(_UNCOUNTED), None),
        (T.deadline.is_(None), "NO_DEADLINE"),
        (
            and_(T.state == TaskState.COMPLETED, T.completed_at.is_not(None)),
            case((T.completed_at <= T.deadline, "DONE_ON_TIME"), else_="DONE_LATE"),
        ),
        (T.deadline < now, "OPEN_OVERDUE"),
        else_="OPEN_WITHIN_DEADLINE",
    )


class SqlExportReader:
    """ExportReader on its own connection (a stream must not hold the request's session)."""

    def __init__(self, engine: AsyncEngine, chunk: int = 2_000) -> None:
        self.engine = engine
        self.chunk = chunk

    async def task_rows(
        self, where: ExportRange, now: datetime
    ) -> AsyncIterator[tuple[object, ...]]:
        lead, office = org_units, aliased(org_units)
        anchor = func.coalesce(T.deadline, T.created_at)
        query = (
            select(
                T.id,
                T.kind,
                T.state,
                status_class(now),
                T.priority,
                lead.c.code,
                lead.c.name,
                office.c.code,
                T.created_at,
                T.sent_at,
                T.deadline,
                T.completed_at,
                T.handling_tenths,
                T.entry_late,
            )
            .select_from(
                tt.tasks.join(lead, lead.c.id == T.lead_unit_id).join(
                    office, office.c.id == T.office_unit_id
                )
            )
            .where(
                lead.c.path.startswith(where.unit_path, autoescape=True),
                or_(
                    and_(T.deadline >= where.since, T.deadline < where.until),
                    and_(
                        T.deadline.is_(None),
                        T.created_at >= where.since,
                        T.created_at < where.until,
                    ),
                ),
            )
            .order_by(anchor, T.id)
            .execution_options(yield_per=self.chunk)
        )
        async for row in self._stream(query):
            values = list(row)
            values[12] = None if values[12] is None else values[12] / 10
            yield tuple(values)

    async def reflection_rows(
        self, where: ExportRange, now: datetime
    ) -> AsyncIterator[tuple[object, ...]]:
        async for row in self._stream(
            reflection_export(where, now).execution_options(yield_per=self.chunk)
        ):
            yield tuple(row)

    async def dossier_rows(
        self, where: ExportRange, now: datetime
    ) -> AsyncIterator[tuple[object, ...]]:
        async for row in self._stream(
            dossier_export(where, now).execution_options(yield_per=self.chunk)
        ):
            yield tuple(row)

    async def _stream(self, query: Any) -> AsyncIterator[Any]:
        async with self.engine.connect() as conn:
            result = await conn.stream(query)
            async for row in result:
                yield row
