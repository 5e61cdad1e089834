"""The catalog's read port: batch queries for the public lists and their loaders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from domain.catalog.model import (
    Procedure,
    ProcedureAgency,
    ProcedureComponent,
    ProcedureVersion,
)
from domain.paging import Seek


@dataclass(frozen=True)
class ProcedureFilter:
    """Which procedures a list shows: every word of `search` (folded) in the code or name,
    an agency, a field (folded)."""

    words: tuple[str, ...] = ()
    agency_unit_id: int | None = None
    field_key: str | None = None


class CatalogReader(Protocol):
    """Read-only batch queries; every method is one SQL statement."""

    async def procedures(
        self, where: ProcedureFilter, *, seek: Seek[str], limit: int
    ) -> list[Procedure]:
        """Procedures by code, between the codes the seek names, either way."""
        ...

    async def count_procedures(self, where: ProcedureFilter) -> int: ...
    async def procedures_by_ids(self, ids: Sequence[int]) -> list[Procedure]: ...
    async def procedures_by_codes(self, codes: Sequence[str]) -> list[Procedure]: ...
    async def versions_by_ids(self, ids: Sequence[int]) -> list[ProcedureVersion]: ...
    async def versions_of(self, procedure_ids: Sequence[int]) -> list[ProcedureVersion]:
        """Every version of the procedures, newest first."""
        ...

    async def components_of(self, version_ids: Sequence[int]) -> list[ProcedureComponent]: ...
    async def chains_of(self, version_ids: Sequence[int]) -> list[ProcedureAgency]: ...
