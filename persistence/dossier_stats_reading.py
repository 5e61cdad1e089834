"""DossierStatsReader on SQLAlchemy: the cells of a subtree, and its open dossiers past their
limit now (ix_dossiers_agency_queue)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dossiers.workflow import PROCESSING_STATES
from domain.stats.dossier_figures import DossierStatsQuery, Key
from domain.stats.dossier_rollup import COUNTERS
from persistence.database import run_locked
from persistence.dossier_reading import overdue_condition
from persistence.dossier_stats import dossier_stat_cells as cells
from persistence.dossier_tables import dossiers
from persistence.tables import org_units

C, D, U = cells.c, dossiers.c, org_units.c


class SqlDossierStatsReader:
    """DossierStatsReader on one AsyncSession."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.execute(query))

    async def cells(self, query: DossierStatsQuery) -> list[tuple[Key, Mapping[str, int]]]:
        conditions = [
            U.path.startswith(query.unit_path, autoescape=True),
            C.grain == query.grain,
            C.bucket >= query.start,
            C.bucket < query.end,
        ]
        if query.procedure_ids:
            conditions.append(C.procedure_id.in_(query.procedure_ids))
        statement = (
            select(C.agency_unit_id, C.procedure_id, *(func.sum(C[c]).label(c) for c in COUNTERS))
            .join(org_units, U.id == C.agency_unit_id)
            .where(*conditions)
            .group_by(C.agency_unit_id, C.procedure_id)
        )
        return [
            (
                (row.agency_unit_id, row.procedure_id),
                {c: int(getattr(row, c) or 0) for c in COUNTERS},
            )
            for row in await self._rows(statement)
        ]

    async def overdue(self, query: DossierStatsQuery, now: datetime) -> list[tuple[Key, int]]:
        conditions = [
            U.path.startswith(query.unit_path, autoescape=True),
            D.state.in_(PROCESSING_STATES),
            D.finish_class.is_(None),
            and_(D.received_at >= query.since, D.received_at < query.until),
            overdue_condition(now),
        ]
        if query.procedure_ids:
            conditions.append(D.procedure_id.in_(query.procedure_ids))
        statement = (
            select(D.agency_unit_id, D.procedure_id, func.count().label("n"))
            .join(org_units, U.id == D.agency_unit_id)
            .where(*conditions)
            .group_by(D.agency_unit_id, D.procedure_id)
        )
        return [
            ((row.agency_unit_id, row.procedure_id), int(row.n))
            for row in await self._rows(statement)
        ]
