"""The catalog repository: procedures, and versions written once with their parts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.model import (
    Procedure,
    ProcedureAgency,
    ProcedureComponent,
    ProcedureDetails,
    ProcedureVersion,
)
from persistence import catalog_tables as ct

P, V = ct.procedures.c, ct.procedure_versions.c
PC, PA = ct.procedure_components.c, ct.procedure_agencies.c


class SqlCatalogRepository:
    """CatalogRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, procedure_id: int) -> Procedure | None:
        return await self.session.get(Procedure, procedure_id)

    async def get_by_code(self, code: str) -> Procedure | None:
        found = await self.session.scalars(select(Procedure).where(P.code == code))
        return found.first()

    async def add(self, procedure: Procedure) -> Procedure:
        self.session.add(procedure)
        await self.session.flush()
        return procedure

    async def add_version(
        self,
        version: ProcedureVersion,
        components: Sequence[ProcedureComponent],
        chain: Sequence[ProcedureAgency],
    ) -> ProcedureDetails:
        self.session.add(version)
        await self.session.flush()
        for component in components:
            component.version_id = version.id
            self.session.add(component)
        for link in chain:
            link.version_id = version.id
            self.session.add(link)
        await self.session.flush()
        return ProcedureDetails(version, tuple(components), tuple(chain))

    async def version(self, version_id: int) -> ProcedureDetails | None:
        found = await self.session.get(ProcedureVersion, version_id)
        return await self._details(found) if found else None

    async def current(self, procedure_id: int) -> ProcedureDetails | None:
        query = (
            select(ProcedureVersion)
            .join(ct.procedures, P.id == V.procedure_id)
            .where(V.procedure_id == procedure_id, V.number == P.current_number)
        )
        found = (await self.session.scalars(query)).first()
        return await self._details(found) if found else None

    async def _details(self, version: ProcedureVersion) -> ProcedureDetails:
        components = await self.session.scalars(
            select(ProcedureComponent).where(PC.version_id == version.id).order_by(PC.position)
        )
        chain = await self.session.scalars(
            select(ProcedureAgency).where(PA.version_id == version.id).order_by(PA.position)
        )
        return ProcedureDetails(version, tuple(components), tuple(chain))
