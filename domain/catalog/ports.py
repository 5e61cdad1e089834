"""Storage ports of the procedure catalog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.catalog.model import (
    Procedure,
    ProcedureAgency,
    ProcedureComponent,
    ProcedureDetails,
    ProcedureVersion,
)
from domain.ports import UnitOfWork


class CatalogRepository(Protocol):
    """Procedures and their versions (a version is written once, with its parts)."""

    async def get(self, procedure_id: int) -> Procedure | None: ...
    async def get_by_code(self, code: str) -> Procedure | None: ...
    async def add(self, procedure: Procedure) -> Procedure:
        """Add the procedure (it has its id on return)."""
        ...

    async def add_version(
        self,
        version: ProcedureVersion,
        components: Sequence[ProcedureComponent],
        chain: Sequence[ProcedureAgency],
    ) -> ProcedureDetails:
        """Record a version with its components and chain (their `version_id` is set)."""
        ...

    async def version(self, version_id: int) -> ProcedureDetails | None:
        """A version by its id, with its parts (the one a dossier was submitted under)."""
        ...

    async def current(self, procedure_id: int) -> ProcedureDetails | None:
        """The procedure's current version, with its parts."""
        ...


class CatalogUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches the catalog."""

    catalog: CatalogRepository
