"""CatalogReader on SQLAlchemy: keyset pages by code, batches by id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.model import Procedure, ProcedureAgency, ProcedureComponent, ProcedureVersion
from domain.catalog.reading import ProcedureFilter
from domain.paging import Seek
from persistence import catalog_tables as ct
from persistence.database import run_locked
from persistence.keyset import keyset

P, V = ct.procedures.c, ct.procedure_versions.c
PC, PA = ct.procedure_components.c, ct.procedure_agencies.c


def _where(where: ProcedureFilter) -> list[Any]:
    clauses: list[Any] = [P.search_text.contains(w, autoescape=True) for w in where.words]
    if where.agency_unit_id is not None:
        clauses.append(P.agency_unit_id == where.agency_unit_id)
    if where.field_key is not None:
        clauses.append(P.field_key == where.field_key)
    return clauses


class SqlCatalogReader:
    """Read queries for one request's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def procedures(
        self, where: ProcedureFilter, *, seek: Seek[str], limit: int
    ) -> list[Procedure]:
        codes = seek.map(lambda code, _field: (code,))
        keys, order = keyset(
            (P.code,), after=codes.after, before=codes.before, backward=codes.backward
        )
        query = select(Procedure).where(*_where(where), *keys)
        return await self._all(query.order_by(*order).limit(limit))

    async def count_procedures(self, where: ProcedureFilter) -> int:
        query = select(func.count()).select_from(ct.procedures).where(*_where(where))
        found = await self._all(query)
        return int(found[0])

    async def procedures_by_ids(self, ids: Sequence[int]) -> list[Procedure]:
        return await self._all(select(Procedure).where(P.id.in_(set(ids))))

    async def procedures_by_codes(self, codes: Sequence[str]) -> list[Procedure]:
        return await self._all(select(Procedure).where(P.code.in_(set(codes))))

    async def versions_by_ids(self, ids: Sequence[int]) -> list[ProcedureVersion]:
        return await self._all(select(ProcedureVersion).where(V.id.in_(set(ids))))

    async def versions_of(self, procedure_ids: Sequence[int]) -> list[ProcedureVersion]:
        query = select(ProcedureVersion).where(V.procedure_id.in_(set(procedure_ids)))
        return await self._all(query.order_by(V.procedure_id, V.number.desc()))

    async def components_of(self, version_ids: Sequence[int]) -> list[ProcedureComponent]:
        query = select(ProcedureComponent).where(PC.version_id.in_(set(version_ids)))
        return await self._all(query.order_by(PC.version_id, PC.position))

    async def chains_of(self, version_ids: Sequence[int]) -> list[ProcedureAgency]:
        query = select(ProcedureAgency).where(PA.version_id.in_(set(version_ids)))
        return await self._all(query.order_by(PA.version_id, PA.position))
