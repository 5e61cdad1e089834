"""Storage port of work programs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.programs.model import ItemResult, ProgramItem, ProgramKind, WorkProgram
from domain.tasks.ports import TaskUnitOfWork


class ProgramRepository(Protocol):
    """Programs, their items and the results reported on them."""

    async def get(self, program_id: int) -> WorkProgram | None: ...
    async def find(
        self, unit_id: int, kind: ProgramKind, period_name: str
    ) -> WorkProgram | None: ...
    async def add(self, program: WorkProgram) -> WorkProgram: ...
    async def items_of(self, program_ids: Sequence[int]) -> list[ProgramItem]: ...
    async def get_item(self, item_id: int) -> ProgramItem | None: ...
    async def add_item(self, item: ProgramItem) -> ProgramItem: ...
    async def results_of(self, item_ids: Sequence[int], period: str | None) -> list[ItemResult]: ...
    async def get_result(self, item_id: int, period: str) -> ItemResult | None: ...
    async def add_result(self, result: ItemResult) -> ItemResult: ...
    async def programs(
        self, unit_paths: Sequence[str], kind: ProgramKind | None, period_name: str | None
    ) -> list[WorkProgram]:
        """Programs of units in the subtrees at `unit_paths`, newest period first."""
        ...


class ProgramUnitOfWork(TaskUnitOfWork, Protocol):
    """A unit of work that reaches programs and tasks (issuing makes tasks)."""

    programs: ProgramRepository
